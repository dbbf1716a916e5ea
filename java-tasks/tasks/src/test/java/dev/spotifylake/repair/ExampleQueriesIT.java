package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.spotifylake.engine.SqlTemplate;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.LocalStack;

/** The example queries of sql/queries/ run on Trino over a small lake that repair-athena-partitions registered. */
class ExampleQueriesIT {
    private static final LocalDate DAY_BEFORE = LocalDate.of(2026, 11, 19);
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final String PITBULL = "0TnOYISbd1XYRBk9myaseg";
    private static final String AVICII = "1vCWHaC5f2uS3yhpwWbIA6";

    private final LakeFixture lake = new LakeFixture("queries");

    ExampleQueriesIT() {
        lake.curated(Dataset.ARTISTS, "artist_id, name", "('%s', 'Pitbull', '2026-11-20'), ('%s', 'Avicii', '2026-11-20')"
                        .formatted(PITBULL, AVICII))
                .curated(Dataset.TOP_TRACKS, "track_id, artist_id, market, rank, track_name, popularity", """
                        ('track-timber', '%1$s', 'US', 1, 'Timber', 80, '2026-11-19'),
                        ('track-levels', '%2$s', 'US', 1, 'Levels', 75, '2026-11-19'),
                        ('track-timber', '%1$s', 'US', 1, 'Timber', 84, '2026-11-20'),
                        ('track-timber', '%1$s', 'GB', 2, 'Timber', 84, '2026-11-20'),
                        ('track-fireball', '%1$s', 'US', 2, 'Fireball', 70, '2026-11-20'),
                        ('track-levels', '%2$s', 'US', 1, 'Levels', 73, '2026-11-20')""".formatted(PITBULL, AVICII))
                .curated(Dataset.AUDIO_FEATURES, "track_id, danceability, energy, tempo", """
                        ('track-timber', 0.58, 0.96, 130.0, '2026-11-20'),
                        ('track-fireball', 0.82, 0.66, 123.0, '2026-11-20'),
                        ('track-levels', 0.5, 0.9, 126.0, '2026-11-20')""")
                .curated(Dataset.ARTIST_SIMILARITY, "artist_id, rank, similar_artist_id, distance", """
                        ('%1$s', 1, '%2$s', 0.4321, '2026-11-20'),
                        ('%2$s', 1, '%1$s', 0.4321, '2026-11-20')""".formatted(PITBULL, AVICII));
        for (Dataset dataset : Dataset.values()) {
            lake.manifest(dataset, DT, 0);
        }
        lake.manifest(Dataset.TOP_TRACKS, DAY_BEFORE, 2);
    }

    @AfterEach
    void dropSchemas() throws Exception {
        lake.close();
    }

    @Test
    void topTracksPerArtistListsEachArtistsTracksOfTheDayInSpotifysOrder() throws IOException {
        register(DT);

        assertThat(query("top_tracks_per_artist.sql")).extracting(row -> row.subList(0, 4)).containsExactly(
                List.of("Avicii", "US", 1, "Levels"),
                List.of("Pitbull", "GB", 2, "Timber"),
                List.of("Pitbull", "US", 1, "Timber"),
                List.of("Pitbull", "US", 2, "Fireball"));
    }

    @Test
    void audioFeaturesPerArtistAverageEachDistinctTrackOnce() throws IOException {
        register(DT);

        List<List<Object>> rows = query("audio_features_per_artist.sql");

        assertThat(rows).extracting(row -> row.subList(0, 4)).containsExactly(
                List.of("Avicii", 1L, 0.5, 0.9),
                List.of("Pitbull", 2L, 0.7, 0.81));
        assertThat(rows.get(1).get(9)).isEqualTo(126.5);
    }

    @Test
    void popularityChangeComparesTheDayWithTheDayBeforeAndListsNewTracksLast() throws IOException {
        register(DAY_BEFORE);
        register(DT);

        assertThat(query("popularity_change.sql")).containsExactly(
                List.of("track-timber", "Timber", 80, 84, 4),
                List.of("track-levels", "Levels", 75, 73, -2),
                Arrays.asList("track-fireball", "Fireball", null, 70, null));
    }

    @Test
    void similarArtistsTracksListsTheNearestArtistsOfTheNamedOneWithTheirTracksBestRankFirst() throws IOException {
        register(DT);

        assertThat(query("similar_artists_tracks.sql")).containsExactly(List.of(1, "Avicii", 0.432, 1, "Levels"));
    }

    private void register(LocalDate dt) {
        Cli.run(lake.environment(), "repair-athena-partitions", "--dt", dt.toString()).ok();
    }

    private List<List<Object>> query(String file) throws IOException {
        Path path = LocalStack.repositoryRoot().resolve("sql/queries").resolve(file);
        String sql = new SqlTemplate(file, Files.readString(path)).render(Map.of("DT", DT.toString(), "ARTIST", "pitbull"));
        lake.trino().useSchema(lake.schema());
        return lake.trino().rows(sql);
    }
}
