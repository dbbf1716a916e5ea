package dev.spotifylake.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.curated.Publication;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.load.Publisher;
import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.testing.InMemoryObjectStore;

/**
 * compute-artist-similarity and similar-artists over published curated partitions in memory: the day of
 * {@link ArtistSimilarityCoreTest} (A, B, C, D compared; E without audio features), published through load-s3.
 */
class ArtistSimilarityTest {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);

    private final InMemoryObjectStore lake = new InMemoryObjectStore();

    ArtistSimilarityTest() {
        new CuratedDay(lake, DT)
                .topTracks(new Object[] {"A", "t1", "US", 2, "One"}, new Object[] {"A", "t1", "GB", 1, "One"},
                        new Object[] {"A", "t2", "US", 1, "Two"}, new Object[] {"B", "t3", "US", 1, "Three"},
                        new Object[] {"C", "t4", "US", 1, "Four"}, new Object[] {"D", "t5", "US", 1, "Five"},
                        new Object[] {"E", "t6", "US", 1, "Six"})
                .audioFeatures(new Object[] {"t1", 0.125, 0.25}, new Object[] {"t2", 0.375, 0.75},
                        new Object[] {"t3", 0.5, 0.5}, new Object[] {"t4", 0.75, 0.5}, new Object[] {"t5", 0.5, 1.0})
                .artists(new String[] {"A", "Aurora Lane"}, new String[] {"B", "Blue Static"}, new String[] {"C", "Cold Harbor"},
                        new String[] {"D", "Dusk"}, new String[] {"E", "Echo"}, new String[] {"F", "Dusk"});
    }

    @Test
    void thePublishedTableHoldsEachArtistsNearestOthersAndTheArtistsSkippedAreRejectsWithTheReason() {
        TaskSummary summary = compute(10);
        new Publisher(lake, Clock.systemUTC()).publish(Dataset.ARTIST_SIMILARITY, DT);

        assertThat(summary.fields()).containsEntry("artists", 5).containsEntry("compared", 4).containsEntry("skipped", 1)
                .containsEntry("skipped_no_audio_features", 1L).containsEntry("rows", 12L);
        CuratedPartition table = CuratedPartition.published(lake, Dataset.ARTIST_SIMILARITY, DT).orElseThrow();
        List<List<Object>> rows = new ArrayList<>();
        table.forEachRow(row -> rows.add(List.of(row.get("artist_id").toString(), row.get("rank"),
                row.get("similar_artist_id").toString(), row.get("artist_tracks"), row.get("similar_artist_tracks"))));
        assertThat(rows).containsExactly(
                List.of("A", 1, "B", 2, 1), List.of("A", 2, "D", 2, 1), List.of("A", 3, "C", 2, 1),
                List.of("B", 1, "A", 1, 2), List.of("B", 2, "C", 1, 1), List.of("B", 3, "D", 1, 1),
                List.of("C", 1, "B", 1, 1), List.of("C", 2, "D", 1, 1), List.of("C", 3, "A", 1, 2),
                List.of("D", 1, "B", 1, 1), List.of("D", 2, "A", 1, 2), List.of("D", 3, "C", 1, 1));
        Publication manifest = table.publication();
        assertThat(List.of(manifest.recordsIn(), table.pointer().rows(), manifest.rejects())).containsExactly(5L, 12L, 1L);
        assertThat(manifest.rawFiles()).as("the curated files read").hasSize(2);
        List<String> rejects = new ArrayList<>();
        RawPartStream.forEachLine(lake, manifest.rejectFiles().get(0).file(), (json, number) -> {
            rejects.add(json.readValueAsTree().toString());
            return true;
        });
        assertThat(rejects).containsExactly(
                "{\"reason\":\"no audio features\",\"artist_id\":\"E\",\"tracks\":1,\"tracks_with_features\":0}");
    }

    @Test
    void computingTwiceStagesTheSameRows() {
        compute(2);
        new Publisher(lake, Clock.systemUTC()).publish(Dataset.ARTIST_SIMILARITY, DT);
        List<String> once = rows();

        compute(2);
        new Publisher(lake, Clock.systemUTC()).publish(Dataset.ARTIST_SIMILARITY, DT);

        assertThat(rows()).hasSize(8).isEqualTo(once);
    }

    @Test
    void withoutPublishedAudioFeaturesThereIsNothingToCompare() {
        InMemoryObjectStore empty = new InMemoryObjectStore();
        new CuratedDay(empty, DT).topTracks(new Object[] {"A", "t1", "US", 1, "One"});

        TaskSummary summary = new ArtistSimilarity(empty, new ArtistSimilarity.Settings(10, 1), Clock.systemUTC()).compute(DT);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(summary.fields()).containsEntry("reason", "no published audio_features partition");
    }

    @Test
    void similarArtistsFindsAnArtistByNameInAnyCaseWithItsNearestAndTheirTracksBestRankFirst() {
        compute(10);
        new Publisher(lake, Clock.systemUTC()).publish(Dataset.ARTIST_SIMILARITY, DT);

        SimilarArtists.Answer answer = new SimilarArtists(lake).find(DT, "aurora LANE", 2, 3);

        assertThat(answer.artistId()).isEqualTo("A");
        assertThat(answer.similar()).extracting(SimilarArtists.Similar::name).containsExactly("Blue Static", "Dusk");
        assertThat(answer.similar().get(0).distance()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(answer.similar().get(0).topTracks()).containsExactly("Three");
        assertThat(new SimilarArtists(lake).find(DT, "B", 1, 3).similar().get(0).topTracks())
                .as("A's tracks, the one at rank 1 in GB first").containsExactly("One", "Two");
    }

    @Test
    void aNameOfNoArtistOrOfSeveralOrOfAnArtistSkippedIsOneLineThatSaysSo() {
        compute(10);
        new Publisher(lake, Clock.systemUTC()).publish(Dataset.ARTIST_SIMILARITY, DT);
        SimilarArtists similar = new SimilarArtists(lake);

        assertThatThrownBy(() -> similar.find(DT, "Nobody", 10, 3)).isInstanceOfSatisfying(TaskException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE)).hasMessage("no artist of dt=2026-11-20 is "
                        + "named 'Nobody' or has that id: check the spelling, or pass the artist's Spotify id");
        assertThatThrownBy(() -> similar.find(DT, "dusk", 10, 3)).isInstanceOfSatisfying(TaskException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessage("2 artists of dt=2026-11-20 are named 'dusk' (D, F): pass one of these ids with --artist");
        assertThatThrownBy(() -> similar.find(DT, "Echo", 10, 3)).isInstanceOfSatisfying(TaskException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO)).hasMessageContaining("Echo (E) has no similar "
                        + "artists for dt=2026-11-20: it was skipped, and rejects/artist_similarity/dt=2026-11-20/ says why");
    }

    @Test
    void aDtWithoutTheTableNamesTheNearestDatesThatHaveItAndHowToMakeIt() {
        compute(2);
        new Publisher(lake, Clock.systemUTC()).publish(Dataset.ARTIST_SIMILARITY, DT);
        for (LocalDate other : List.of(DT.minusDays(9), DT.plusDays(3), DT.plusDays(20))) {
            new CuratedDay(lake, other).topTracks(new Object[] {"A", "t1", "US", 1, "One"}, new Object[] {"B", "t3", "US", 1, "Three"})
                    .audioFeatures(new Object[] {"t1", 0.125, 0.25}, new Object[] {"t3", 0.5, 0.5});
            new ArtistSimilarity(lake, new ArtistSimilarity.Settings(1, 1), Clock.systemUTC()).compute(other);
            new Publisher(lake, Clock.systemUTC()).publish(Dataset.ARTIST_SIMILARITY, other);
        }

        assertThatThrownBy(() -> new SimilarArtists(lake).find(DT.plusDays(1), "A", 10, 3))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO))
                .hasMessage("no published artist_similarity partition for dt=2026-11-21; the nearest dates that have one: "
                        + "2026-11-20, 2026-11-23, 2026-11-11 (4 in all). To make it: run compute-artist-similarity, then load-s3 "
                        + "--dataset artist_similarity, for dt=2026-11-21 (the DAG runs them once the day's top_tracks and "
                        + "audio_features are loaded)");
        assertThatThrownBy(() -> new SimilarArtists(new InMemoryObjectStore()).find(DT, "A", 10, 3))
                .hasMessageStartingWith("no date has a published artist_similarity partition yet: run compute-artist-similarity");
    }

    private TaskSummary compute(int neighbours) {
        return new ArtistSimilarity(lake, new ArtistSimilarity.Settings(neighbours, 1), Clock.systemUTC()).compute(DT);
    }

    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        CuratedPartition.published(lake, Dataset.ARTIST_SIMILARITY, DT).orElseThrow().forEachRow(row -> rows.add(row.toString()));
        return rows;
    }
}
