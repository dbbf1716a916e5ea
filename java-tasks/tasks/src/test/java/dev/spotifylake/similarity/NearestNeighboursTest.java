package dev.spotifylake.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The k-d tree's answer against brute force: the same neighbours in the same order, ties included. */
class NearestNeighboursTest {

    @ParameterizedTest(name = "{0} points of {1} dimensions, coordinates on a grid of {2}")
    @CsvSource({"1000, 9, 1000000", "1500, 3, 4", "500, 9, 2", "40, 2, 3", "2, 9, 10", "1, 9, 10"})
    void theTreeFindsWhatBruteForceFindsEvenAmongManyTies(int count, int dimensions, int grid) {
        Random random = new Random(count * 31L + dimensions);
        // a coarse grid makes many points coincide or lie at equal distances: the ties must go by index
        double[][] points = new double[count][dimensions];
        for (double[] point : points) {
            for (int d = 0; d < dimensions; d++) {
                point[d] = random.nextInt(grid) / (double) grid;
            }
        }

        Neighbours neighbours = NearestNeighbours.of(points, 10);

        int k = Math.min(10, count - 1);
        assertThat(neighbours.k()).isEqualTo(k);
        for (int p = 0; p < count; p++) {
            int point = p;
            List<Integer> expected = IntStream.range(0, count).filter(other -> other != point).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(other -> squared(points[point], points[other]))
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(k).toList();
            assertThat(IntStream.range(0, k).mapToObj(rank -> neighbours.neighbour(point, rank)).toList())
                    .as("neighbours of point %d", point).isEqualTo(expected);
            for (int rank = 0; rank < k; rank++) {
                assertThat(neighbours.distance(point, rank)).isEqualTo(Math.sqrt(squared(points[point], points[expected.get(rank)])));
            }
        }
    }

    private static double squared(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double difference = a[d] - b[d];
            sum += difference * difference;
        }
        return sum;
    }
}
