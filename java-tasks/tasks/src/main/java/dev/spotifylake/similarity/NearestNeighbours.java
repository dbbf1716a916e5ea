package dev.spotifylake.similarity;

import java.util.stream.IntStream;

/**
 * The exact K nearest other points of every point, by Euclidean distance, found with a k-d tree: the points are
 * cut in halves at the median of their widest dimension until a leaf holds a few, and a search skips a half only
 * when the half's nearest possible point is farther than the K-th best found so far. Nothing is approximated: a
 * skipped half provably holds no better neighbour, so the answer is brute force's, at a cost that grows like
 * {@code n log n} on the few dimensions of audio features rather than {@code n^2}.
 *
 * <p>Ties are broken by the points' indexes (the lower first), so the answer is the same on every run and thread
 * count. Distances are compared squared, each summed over the dimensions in the same order, and the bounds that
 * skip a half are sums over the same order of terms that are never larger: rounding can never skip a tie.
 */
public final class NearestNeighbours {
    private static final int LEAF_SIZE = 12;

    private final int dimensions;
    private final int count;
    /** The coordinates of the points in tree order: a leaf's points lie next to each other. */
    private final double[] coordinates;
    /** The index (as given) of the point at each place of the tree order. */
    private final int[] order;
    /** Per node of the implicit tree (root 0, children 2i+1 and 2i+2): its split dimension, -1 for a leaf. */
    private final int[] splitDimension;
    private final double[] splitValue;

    private NearestNeighbours(double[][] points) {
        this.count = points.length;
        this.dimensions = count == 0 ? 0 : points[0].length;
        this.order = IntStream.range(0, count).toArray();
        int nodes = 2 * Integer.highestOneBit(Math.max(1, count / LEAF_SIZE) * 2) + 1;
        this.splitDimension = new int[nodes];
        this.splitValue = new double[nodes];
        build(points, 0, 0, count);
        this.coordinates = new double[count * dimensions];
        for (int place = 0; place < count; place++) {
            System.arraycopy(points[order[place]], 0, coordinates, place * dimensions, dimensions);
        }
    }

    /**
     * The {@code min(k, n - 1)} nearest other points of each of the {@code n} points (all of the same dimensions),
     * nearest first; the points' rows are spread over the common fork-join pool.
     */
    public static Neighbours of(double[][] points, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        NearestNeighbours tree = new NearestNeighbours(points);
        int kept = Math.min(k, Math.max(0, points.length - 1));
        int[] indexes = new int[points.length * kept];
        double[] distances = new double[points.length * kept];
        IntStream.range(0, points.length).parallel().forEach(place -> tree.search(place, kept, indexes, distances));
        return new Neighbours(kept, indexes, distances);
    }

    /** Orders {@code order[from, to)} into the subtree of {@code node}. */
    private void build(double[][] points, int node, int from, int to) {
        if (to - from <= LEAF_SIZE || 2 * node + 2 >= splitDimension.length || dimensions == 0) {
            splitDimension[node] = -1;
            return;
        }
        int widest = widestDimension(points, from, to);
        int middle = (from + to) >>> 1;
        select(points, widest, from, to - 1, middle);
        splitDimension[node] = widest;
        splitValue[node] = points[order[middle]][widest];
        build(points, 2 * node + 1, from, middle);
        build(points, 2 * node + 2, middle, to);
    }

    private int widestDimension(double[][] points, int from, int to) {
        int widest = 0;
        double widestSpread = -1;
        for (int d = 0; d < dimensions; d++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double value = points[order[i]][d];
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            if (max - min > widestSpread) {
                widestSpread = max - min;
                widest = d;
            }
        }
        return widest;
    }

    /**
     * Quickselect on one dimension: afterwards {@code order[nth]} holds the point of that rank, the points before
     * it are not above it and the points after it not below it.
     */
    private void select(double[][] points, int dimension, int low, int high, int nth) {
        while (low < high) {
            double pivot = points[order[(low + high) >>> 1]][dimension];
            int i = low;
            int j = high;
            while (i <= j) {
                while (points[order[i]][dimension] < pivot) {
                    i++;
                }
                while (points[order[j]][dimension] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int swap = order[i];
                    order[i++] = order[j];
                    order[j--] = swap;
                }
            }
            if (nth <= j) {
                high = j;
            } else if (nth >= i) {
                low = i;
            } else {
                return;
            }
        }
    }

    private void search(int place, int k, int[] indexes, double[] distances) {
        if (k == 0) {
            return;
        }
        Search search = new Search(place, k);
        search.visit(0, 0, count);
        int point = order[place];
        search.best.writeNearestFirst(indexes, distances, point * k);
    }

    /** One point's search: its coordinates, the best K so far, and how far each dimension's cut lies. */
    private final class Search {
        private final int self;
        private final double[] query = new double[dimensions];
        private final double[] offsets = new double[dimensions];
        private final Best best;

        Search(int place, int k) {
            this.self = order[place];
            System.arraycopy(coordinates, place * dimensions, query, 0, dimensions);
            this.best = new Best(k);
        }

        void visit(int node, int from, int to) {
            int dimension = splitDimension[node];
            if (dimension < 0) {
                scan(from, to);
                return;
            }
            int middle = (from + to) >>> 1;
            double gap = query[dimension] - splitValue[node];
            boolean lowerFirst = gap < 0;
            visit(lowerFirst ? 2 * node + 1 : 2 * node + 2, lowerFirst ? from : middle, lowerFirst ? middle : to);
            double saved = offsets[dimension];
            offsets[dimension] = gap;
            if (!best.full() || lowerBound() <= best.worstDistance()) {
                visit(lowerFirst ? 2 * node + 2 : 2 * node + 1, lowerFirst ? middle : from, lowerFirst ? to : middle);
            }
            offsets[dimension] = saved;
        }

        /** The squared distance to the nearest place the far half can hold, summed as a real distance is. */
        private double lowerBound() {
            double sum = 0;
            for (int d = 0; d < dimensions; d++) {
                sum += offsets[d] * offsets[d];
            }
            return sum;
        }

        private void scan(int from, int to) {
            for (int place = from; place < to; place++) {
                int candidate = order[place];
                if (candidate == self) {
                    continue;
                }
                double limit = best.full() ? best.worstDistance() : Double.POSITIVE_INFINITY;
                double sum = 0;
                int base = place * dimensions;
                int d = 0;
                // stop summing once the candidate is farther than the K-th best: most are, after a few terms
                while (d < dimensions && sum <= limit) {
                    double difference = query[d] - coordinates[base + d];
                    sum += difference * difference;
                    d++;
                }
                if (d == dimensions) {
                    best.offer(sum, candidate);
                }
            }
        }
    }

    /** The K best candidates so far, a max-heap on (squared distance, index): the root is the one to drop next. */
    private static final class Best {
        private final double[] distance;
        private final int[] index;
        private int size;

        Best(int k) {
            distance = new double[k];
            index = new int[k];
        }

        boolean full() {
            return size == distance.length;
        }

        double worstDistance() {
            return distance[0];
        }

        void offer(double squared, int candidate) {
            if (!full()) {
                distance[size] = squared;
                index[size] = candidate;
                siftUp(size++);
            } else if (isWorse(distance[0], index[0], squared, candidate)) {
                distance[0] = squared;
                index[0] = candidate;
                siftDown(0);
            }
        }

        /** Empties the heap into {@code indexes} and {@code distances} from {@code at}, nearest first. */
        void writeNearestFirst(int[] indexes, double[] distances, int at) {
            for (int rank = size - 1; rank >= 0; rank--) {
                indexes[at + rank] = index[0];
                distances[at + rank] = Math.sqrt(distance[0]);
                size--;
                distance[0] = distance[size];
                index[0] = index[size];
                siftDown(0);
            }
        }

        private static boolean isWorse(double distanceA, int indexA, double distanceB, int indexB) {
            return distanceA > distanceB || distanceA == distanceB && indexA > indexB;
        }

        private void siftUp(int at) {
            while (at > 0) {
                int parent = (at - 1) / 2;
                if (!isWorse(distance[at], index[at], distance[parent], index[parent])) {
                    return;
                }
                swap(at, parent);
                at = parent;
            }
        }

        private void siftDown(int at) {
            while (true) {
                int worst = at;
                for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                    if (isWorse(distance[child], index[child], distance[worst], index[worst])) {
                        worst = child;
                    }
                }
                if (worst == at) {
                    return;
                }
                swap(at, worst);
                at = worst;
            }
        }

        private void swap(int a, int b) {
            double d = distance[a];
            distance[a] = distance[b];
            distance[b] = d;
            int i = index[a];
            index[a] = index[b];
            index[b] = i;
        }
    }
}
