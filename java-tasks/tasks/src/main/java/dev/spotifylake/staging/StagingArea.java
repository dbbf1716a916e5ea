package dev.spotifylake.staging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.VersionName;
import dev.spotifylake.lake.Zone;

/**
 * The staging folder of one dataset and dt, {@code staging/<dataset>/dt=D/<attempt>/}, private to flatten and
 * load. Each flatten writes a new attempt (Parquet parts, rejects, and {@code _stats.json} last); load publishes
 * the newest complete one and then deletes the folder. Attempt names sort by the time they were started.
 */
public final class StagingArea {
    public static final String STATS_FILE = "_stats.json";
    public static final String PARTS_FOLDER = "parts/";
    public static final String REJECTS_FOLDER = "rejects/";

    private final ObjectStore store;
    private final String location;

    public StagingArea(ObjectStore store, Dataset dataset, LocalDate dt) {
        this.store = requireNonNull(store, "store is null");
        this.location = LakePaths.partition(Zone.STAGING, dataset, dt);
    }

    /** {@code staging/top_tracks/dt=2026-11-20/} */
    public String location() {
        return location;
    }

    /**
     * A fresh attempt name, {@code _v-20261120T080001123Z-3fa9} ({@link VersionName}): later attempts sort after
     * earlier ones, and the curated version that publishes the attempt takes its name.
     */
    public static String newAttempt(Instant now) {
        return VersionName.of(now);
    }

    /** The key of a file of an attempt, e.g. {@code key(attempt, "parts/part-00000-00000.snappy.parquet")}. */
    public String key(String attempt, String relative) {
        return location + attempt + "/" + relative;
    }

    /** Marks an attempt complete. */
    public void complete(AttemptStats stats) {
        try {
            store.put(key(stats.attempt(), STATS_FILE), LakeJson.JSON.writeValueAsBytes(stats));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the attempt is complete: a load that took it deletes its stats file first. */
    public boolean isComplete(String attempt) {
        Optional<InputStream> stats = store.open(key(attempt, STATS_FILE));
        stats.ifPresent(StagingArea::close);
        return stats.isPresent();
    }

    /** The complete attempt started last, if any. */
    public Optional<AttemptStats> newestComplete() {
        return store.list(location).stream()
                .map(StoredObject::key)
                .filter(key -> key.endsWith("/" + STATS_FILE))
                .max(Comparator.naturalOrder())
                .map(this::readStats);
    }

    /** Deletes every attempt but the one named (complete or not). */
    public void deleteAllBut(String attempt) {
        delete(store.list(location).stream().map(StoredObject::key)
                .filter(key -> !key.startsWith(location + attempt + "/")).toList());
    }

    /** Deletes the whole folder. */
    public void deleteAll() {
        delete(store.list(location).stream().map(StoredObject::key).toList());
    }

    /**
     * Stats files go first: an attempt that lost some files to a killed delete must not still look complete.
     */
    private void delete(List<String> keys) {
        List<String> stats = keys.stream().filter(key -> key.endsWith("/" + STATS_FILE)).toList();
        if (!stats.isEmpty()) {
            store.delete(stats);
        }
        List<String> rest = keys.stream().filter(key -> !key.endsWith("/" + STATS_FILE)).toList();
        if (!rest.isEmpty()) {
            store.delete(rest);
        }
    }

    private AttemptStats readStats(String key) {
        InputStream stream = store.open(key).orElseThrow(() -> TaskException.retryable(key + " vanished while being read"));
        try (InputStream in = stream) {
            return LakeJson.JSON.readValue(in, AttemptStats.class);
        } catch (IOException e) {
            throw TaskException.notRetryable("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // only probing for existence: nothing was read
        }
    }
}
