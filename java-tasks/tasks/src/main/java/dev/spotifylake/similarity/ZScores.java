package dev.spotifylake.similarity;

import java.util.stream.IntStream;

/**
 * Standardizes the columns of a matrix (one row per artist, one column per feature): each value becomes its
 * distance from the column's mean in the column's standard deviation (of the population: these are all the
 * artists of the day, not a sample). Otherwise tempo, in beats per minute, would outweigh every feature between
 * 0 and 1. A column whose values are all equal carries no information about who is like whom: it is dropped,
 * which is the same as every artist having 0 there.
 */
public final class ZScores {
    private ZScores() {
    }

    /** The standardized rows, without the columns of zero spread. */
    public static double[][] of(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        int[] kept = IntStream.range(0, columns).filter(column -> spreads(rows, column)).toArray();
        double[] mean = new double[kept.length];
        double[] deviation = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            double sum = 0;
            for (double[] row : rows) {
                sum += row[kept[k]];
            }
            mean[k] = sum / rows.length;
            double squares = 0;
            for (double[] row : rows) {
                double difference = row[kept[k]] - mean[k];
                squares += difference * difference;
            }
            deviation[k] = Math.sqrt(squares / rows.length);
        }
        double[][] standardized = new double[rows.length][kept.length];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < kept.length; k++) {
                standardized[i][k] = (rows[i][kept[k]] - mean[k]) / deviation[k];
            }
        }
        return standardized;
    }

    /**
     * Whether the column holds two different values: compared as they are, since a mean of equal values may
     * differ from them in the last bit and a standard deviation of such noise would blow it up to whole units.
     */
    private static boolean spreads(double[][] rows, int column) {
        for (double[] row : rows) {
            if (row[column] != rows[0][column]) {
                return true;
            }
        }
        return false;
    }
}
