package dev.spotifylake.similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.load.Publisher;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.parquet.ParquetPartWriter;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.schema.TableMapping;
import dev.spotifylake.staging.AttemptStats;
import dev.spotifylake.staging.AttemptStats.StagedFile;
import dev.spotifylake.staging.StagingArea;

/**
 * Published curated partitions of a day, made the way the pipeline makes them: rows staged as a complete attempt,
 * then published by load-s3's {@link Publisher}. Rows give only the columns a test cares about; the other
 * required columns get plain values.
 */
final class CuratedDay {
    private static final long FETCHED_AT = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();

    private final ObjectStore store;
    private final LocalDate dt;

    CuratedDay(ObjectStore store, LocalDate dt) {
        this.store = store;
        this.dt = dt;
    }

    /** Top tracks: {artist id, track id, market, rank, track name} each. */
    CuratedDay topTracks(Object[]... rows) {
        return publish(CuratedTables.TOP_TRACKS, Arrays.stream(rows).map(row -> new Object[] {row[1], row[0], row[2], row[3],
                row[4], 50, 200_000, false, "album", "Album", "album", null, null, null, null, null, FETCHED_AT, "spotify"}).toList());
    }

    /** Audio features: a track id and its danceability and energy; the other features the same for every track. */
    CuratedDay audioFeatures(Object[]... rows) {
        return publish(CuratedTables.AUDIO_FEATURES, Arrays.stream(rows).map(row -> new Object[] {row[0], row[1], row[2],
                5, -6.0, 1, 0.1, 0.2, 0.3, 0.1, 0.5, 120.0, 200_000, 4, FETCHED_AT, "spotify"}).toList());
    }

    /** Artists: {artist id, name} each. */
    CuratedDay artists(String[]... rows) {
        return publish(CuratedTables.ARTISTS, Arrays.stream(rows).map(row -> new Object[] {row[0], row[1], null, null, null,
                null, null, FETCHED_AT}).toList());
    }

    private CuratedDay publish(TableMapping table, List<Object[]> rows) {
        StagingArea staging = new StagingArea(store, table.dataset(), dt);
        String attempt = StagingArea.newAttempt(Instant.now());
        String name = StagingArea.PARTS_FOLDER + "part-00000.snappy.parquet";
        List<StagedFile> files = new ArrayList<>();
        try (ParquetPartWriter writer = new ParquetPartWriter(table, ParquetLayout.DEFAULT)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            files.add(new StagedFile(name, rows.size(), writer.publish(store, staging.key(attempt, name))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        staging.complete(new AttemptStats(table.dataset().folder(), dt.toString(), attempt, table.version(), rows.size(),
                rows.size(), 0, 0, files, List.of(), List.of()));
        new Publisher(store, Clock.systemUTC()).publish(table.dataset(), dt);
        return this;
    }
}
