package dev.spotifylake.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.spotifylake.similarity.ArtistProfiles.SkipReason;
import dev.spotifylake.similarity.ArtistProfiles.Skipped;

/**
 * A day of five artists worked out by hand. Only danceability and energy differ between tracks (every other
 * feature is the same everywhere, so it has no spread and must contribute nothing), and the values are exact in
 * binary, so that the two ties below are exact ties.
 *
 * <pre>
 * artist  tracks (danceability, energy)         mean          z-scores
 * A       t1 (.125, .25) in US and GB, t2 (.375, .75)  (.25, .5)   (-sqrt 2, -1/sqrt 3)
 * B       t3 (.5, .5)                            (.5, .5)      (0, -1/sqrt 3)
 * C       t4 (.75, .5)                           (.75, .5)     (sqrt 2, -1/sqrt 3)
 * D       t5 (.5, 1)                             (.5, 1)       (0, sqrt 3)
 * E       t6, which has no audio features        skipped
 * </pre>
 * danceability: mean .5, deviation sqrt(.03125); energy: mean .625, deviation sqrt(.046875). Distances: A-B = B-C
 * = sqrt 2; B-D = 4/sqrt 3; A-D = C-D = sqrt(22/3); A-C = 2 sqrt 2.
 */
class ArtistSimilarityCoreTest {
    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_3 = Math.sqrt(3);

    @Test
    void meansCountEachDistinctTrackOnceAndLeaveOutArtistsWithoutFeatures() {
        ArtistProfiles profiles = day().build(1);

        assertThat(profiles.artistIds()).containsExactly("A", "B", "C", "D");
        assertThat(profiles.means()[0]).containsExactly(0.25, 0.5, -6, 0.1, 0.2, 0.3, 0.1, 0.5, 120);
        assertThat(profiles.tracks(0)).isEqualTo(2);
        assertThat(profiles.skipped()).containsExactly(new Skipped("E", SkipReason.NO_AUDIO_FEATURES, 1, 0));
        assertThat(profiles.artists()).isEqualTo(5);
    }

    @Test
    void zScoresStandardizeEachFeatureAcrossTheArtistsAndDropTheOnesWithoutSpread() {
        double[][] z = ZScores.of(day().build(1).means());

        assertThat(z).hasDimensions(4, 2);
        assertThat(z[0]).containsExactly(new double[] {-SQRT_2, -1 / SQRT_3}, within(1e-12));
        assertThat(z[1]).containsExactly(new double[] {0, -1 / SQRT_3}, within(1e-12));
        assertThat(z[2]).containsExactly(new double[] {SQRT_2, -1 / SQRT_3}, within(1e-12));
        assertThat(z[3]).containsExactly(new double[] {0, SQRT_3}, within(1e-12));
    }

    @Test
    void eachArtistGetsItsNearestOthersWithTiesBrokenByArtistId() {
        Neighbours neighbours = NearestNeighbours.of(ZScores.of(day().build(1).means()), 10);

        assertThat(neighbours.k()).as("three other artists, though ten were asked for").isEqualTo(3);
        // A: B, D, C; B: A and C tie at sqrt 2, A first; C: B, D, A; D: B, then A and C tie, A first
        assertThat(ranks(neighbours, 0)).containsExactly(1, 3, 2);
        assertThat(ranks(neighbours, 1)).containsExactly(0, 2, 3);
        assertThat(ranks(neighbours, 2)).containsExactly(1, 3, 0);
        assertThat(ranks(neighbours, 3)).containsExactly(1, 0, 2);
        assertThat(distances(neighbours, 0)).containsExactly(new double[] {SQRT_2, Math.sqrt(22.0 / 3), 2 * SQRT_2}, within(1e-12));
        assertThat(distances(neighbours, 1)).containsExactly(new double[] {SQRT_2, SQRT_2, 4 / SQRT_3}, within(1e-12));
        assertThat(distances(neighbours, 3)).containsExactly(new double[] {4 / SQRT_3, Math.sqrt(22.0 / 3), Math.sqrt(22.0 / 3)},
                within(1e-12));
    }

    @Test
    void artistsWithFewerTracksThanTheMinimumAreSkippedAndALoneArtistHasNoOneToCompareWith() {
        ArtistProfiles profiles = day().build(2);

        assertThat(profiles.artistIds()).isEmpty();
        assertThat(profiles.skipped()).extracting(Skipped::artistId, Skipped::reason).containsExactlyInAnyOrder(
                tuple("A", SkipReason.NO_OTHER_ARTIST),
                tuple("B", SkipReason.TOO_FEW_TRACKS),
                tuple("C", SkipReason.TOO_FEW_TRACKS),
                tuple("D", SkipReason.TOO_FEW_TRACKS),
                tuple("E", SkipReason.NO_AUDIO_FEATURES));
        assertThat(profiles.skippedByReason()).containsEntry(SkipReason.TOO_FEW_TRACKS, 3L);
    }

    private static ArtistProfiles.Builder day() {
        return new ArtistProfiles.Builder()
                .track("D", "t5").track("A", "t1").track("A", "t1").track("A", "t2").track("B", "t3").track("C", "t4")
                .track("E", "t6")
                .features("t1", features(0.125, 0.25)).features("t2", features(0.375, 0.75))
                .features("t3", features(0.5, 0.5)).features("t4", features(0.75, 0.5)).features("t5", features(0.5, 1));
    }

    /** The features of a track: danceability and energy as given, the same for every track elsewhere. */
    private static double[] features(double danceability, double energy) {
        return new double[] {danceability, energy, -6, 0.1, 0.2, 0.3, 0.1, 0.5, 120};
    }

    private static List<Integer> ranks(Neighbours neighbours, int artist) {
        return IntStream.range(0, neighbours.k()).mapToObj(rank -> neighbours.neighbour(artist, rank)).toList();
    }

    private static double[] distances(Neighbours neighbours, int artist) {
        return IntStream.range(0, neighbours.k()).mapToDouble(rank -> neighbours.distance(artist, rank)).toArray();
    }
}
