package dev.spotifylake.similarity;

/**
 * The K nearest other points of each point, nearest first: {@code neighbour(p, r)} is the index of the point of
 * rank {@code r + 1} of point {@code p}, {@code distance(p, r)} its Euclidean distance.
 *
 * @param k the neighbours each point has (the K asked for, or one less than the points when there are fewer)
 */
public record Neighbours(int k, int[] indexes, double[] distances) {

    public int neighbour(int point, int rank) {
        return indexes[point * k + rank];
    }

    public double distance(int point, int rank) {
        return distances[point * k + rank];
    }
}
