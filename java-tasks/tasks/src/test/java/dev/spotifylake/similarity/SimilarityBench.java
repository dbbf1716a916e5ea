package dev.spotifylake.similarity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The similarity core of compute-artist-similarity (standardize, then the exact K nearest of every artist) on
 * synthetic mean feature vectors, for make bench-similarity (scripts/bench-similarity.sh), which times NumPy on
 * the same vectors. Usage: {@code SimilarityBench VECTORS K NEIGHBOURS}: VECTORS holds n rows of the 9 features as
 * little-endian doubles; NEIGHBOURS gets n rows of K little-endian ints, nearest first. Prints the seconds of the
 * core alone (not the file reading and writing) as one JSON line.
 */
public final class SimilarityBench {
    private SimilarityBench() {
    }

    public static void main(String[] args) throws IOException {
        int features = AudioFeature.COLUMNS.size();
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0]))).order(ByteOrder.LITTLE_ENDIAN);
        int k = Integer.parseInt(args[1]);
        double[][] means = new double[in.remaining() / Double.BYTES / features][features];
        for (double[] row : means) {
            in.asDoubleBuffer().get(row);
            in.position(in.position() + features * Double.BYTES);
        }

        long started = System.nanoTime();
        Neighbours neighbours = NearestNeighbours.of(ZScores.of(means), k);
        double seconds = (System.nanoTime() - started) / 1e9;

        ByteBuffer out = ByteBuffer.allocate(means.length * neighbours.k() * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asIntBuffer().put(neighbours.indexes());
        Files.write(Path.of(args[2]), out.array());
        System.out.printf("{\"artists\": %d, \"k\": %d, \"seconds\": %.3f}%n", means.length, neighbours.k(), seconds);
    }
}
