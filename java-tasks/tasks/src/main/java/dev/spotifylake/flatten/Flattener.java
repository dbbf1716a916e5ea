package dev.spotifylake.flatten;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.BoundedWork;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.schema.FieldPath;
import dev.spotifylake.schema.TableMapping;
import dev.spotifylake.staging.AttemptStats.RawFile;
import dev.spotifylake.staging.AttemptStats.RejectFile;
import dev.spotifylake.staging.AttemptStats.StagedFile;
import dev.spotifylake.staging.AttemptStats;
import dev.spotifylake.staging.StagingArea;

/**
 * Flattens one raw partition into a new staging attempt: the raw part files are cut into one group per thread,
 * the groups are flattened side by side, and {@code _stats.json} is written last, once the counts reconcile
 * (raw records = rows + rejects, and the raw manifest's own count agrees). Older attempts are then deleted.
 * The raw manifest names whose answers the partition holds ({@code source}); ReccoBeats' are read with their own
 * mapping of the same table, and its pages of tracks are ranked into top tracks artist by artist ({@link RankedPages}).
 */
public final class Flattener {
    private static final Logger log = LoggerFactory.getLogger(Flattener.class);
    private static final String TASK = "flatten-to-parquet";

    /** How to flatten: threads side by side, and how the Parquet files are cut. */
    public record Settings(int threads, ParquetLayout layout) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            requireNonNull(layout, "layout is null");
        }
    }

    private final ObjectStore store;
    private final TableMapping mapping;
    private final Projection projection;
    private final Settings settings;
    private final Clock clock;

    public Flattener(ObjectStore store, TableMapping mapping, Settings settings, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.mapping = requireNonNull(mapping, "mapping is null");
        if (mapping.derived()) {
            throw TaskException.notRetryable(mapping.dataset() + " has no raw data to flatten: it is derived from "
                    + "curated tables by its own task (compute-" + mapping.dataset().folder().replace('_', '-') + ")");
        }
        this.projection = Projection.compile(mapping);
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public TaskSummary flatten(LocalDate dt) {
        RawPartition raw = new RawPartition(store, mapping.dataset(), dt);
        String rawLocation = store.root().uriOf(raw.location());
        Optional<RawVersion> current = raw.current();
        String source = current.flatMap(RawVersion::pointer).map(Pointer::source).orElse(CuratedTables.SPOTIFY);
        TableMapping read = mappingOf(source, rawLocation);
        Projection readProjection = read == mapping ? projection : Projection.compile(read);
        Optional<RankedPages.Day> ranked = read == CuratedTables.RECCOBEATS_TOP_TRACKS
                ? Optional.of(RankedPages.Day.of(markets(current.orElseThrow().summary(), rawLocation))) : Optional.empty();
        if (current.isEmpty()) {
            if (!raw.hasAnyPartFile()) {
                log.info("no raw data in {}: nothing to flatten", rawLocation);
                return TaskSummary.nothingToDo(TASK, dt).with("dataset", mapping.dataset().folder()).with("reason", "no raw data");
            }
            throw TaskException.notRetryable(rawLocation + " is not complete (part files but no " + LakePaths.MANIFEST_FILE
                    + ", which ingest writes last): run the task that writes it for dt=" + dt + " first (extract-artists, "
                    + "fetch-tracks-raw-json or fetch-audio-features-raw-json)");
        }
        List<StoredObject> parts = current.get().parts();
        if (parts.isEmpty()) {
            log.info("{} is complete but holds no part files: nothing to flatten", rawLocation);
            return TaskSummary.nothingToDo(TASK, dt).with("dataset", mapping.dataset().folder()).with("reason", "no raw records");
        }

        StagingArea staging = new StagingArea(store, mapping.dataset(), dt);
        String attempt = StagingArea.newAttempt(clock.instant());
        long started = System.nanoTime();
        log.info("flattening {} raw files ({} MB) of {} into {} with {} threads", parts.size(),
                parts.stream().mapToLong(StoredObject::size).sum() >> 20, rawLocation,
                store.root().uriOf(staging.key(attempt, "")), settings.threads());
        List<GroupFlattener.Result> results = run(OutputGroups.cut(parts, settings.threads()),
                new GroupFlattener(store, readProjection, settings.layout(), staging, attempt,
                        new ProgressLog(parts.size(), started), ranked, rawLocation));

        List<StagedFile> files = new ArrayList<>();
        List<RejectFile> rejectFiles = new ArrayList<>();
        List<RawFile> rawFiles = new ArrayList<>();
        for (GroupFlattener.Result result : results) {
            files.addAll(result.files());
            result.rejects().ifPresent(rejectFiles::add);
            rawFiles.addAll(result.rawFiles());
        }
        long recordsIn = rawFiles.stream().mapToLong(RawFile::records).sum();
        long rows = files.stream().mapToLong(StagedFile::rows).sum();
        long rejects = rejectFiles.stream().mapToLong(RejectFile::rejects).sum();
        long rejectedLines = results.stream().mapToLong(GroupFlattener.Result::rejectedLines).sum();
        long unranked = results.stream().mapToLong(GroupFlattener.Result::unranked).sum();
        // a ranked track makes a row in each market it ranks in, or none: RankedPages keeps or rejects every track
        if (ranked.isEmpty()) {
            checkCounts(rawLocation, recordsIn, rows, rejects);
        }
        if (recordsIn == 0) {
            staging.deleteAll();
            log.info("{} holds no raw records: nothing to flatten", rawLocation);
            return TaskSummary.nothingToDo(TASK, dt).with("dataset", mapping.dataset().folder()).with("reason", "no raw records");
        }
        checkRawManifest(read, current.get().summary(), recordsIn - rejectedLines, rawLocation);

        AttemptStats stats = new AttemptStats(mapping.dataset().folder(), dt.toString(), attempt, mapping.version(),
                recordsIn, rows, rejects, rejectedLines, files, rejectFiles, rawFiles);
        staging.complete(stats);
        staging.deleteAllBut(attempt);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("{}: {} records in, {} rows in {} Parquet files, {} rejects, in {} s ({} records/s)",
                mapping.dataset(), recordsIn, rows, files.size(), rejects, Math.round(seconds * 10) / 10.0,
                Math.round(recordsIn / seconds));
        TaskSummary summary = TaskSummary.done(TASK, dt).with("dataset", mapping.dataset().folder());
        read.source().ifPresent(name -> summary.with("source", name));
        if (ranked.isPresent()) {
            summary.with("tracks_not_in_top_tracks", unranked);
        }
        return summary.with("records_in", recordsIn).with("rows", rows).with("rejects", rejects)
                .with("files", files.size()).with("raw_files", rawFiles.size()).with("schema_version", mapping.version())
                .with("attempt", attempt).with("location", store.root().uriOf(staging.key(attempt, "")))
                .with("seconds", Math.round(seconds * 100) / 100.0).with("records_per_second", Math.round(recordsIn / seconds));
    }

    /**
     * Every raw record is a row or a reject. When they do not add up, flatten has a bug that a retry repeats:
     * nothing is published (the attempt has no {@code _stats.json}), and the counts go in the one line.
     */
    static void checkCounts(String rawLocation, long recordsIn, long rows, long rejects) {
        if (recordsIn != rows + rejects) {
            throw TaskException.notRetryable("counts do not reconcile for " + rawLocation + ": " + recordsIn
                    + " raw records in, " + rows + " rows + " + rejects + " rejects out; nothing was published: "
                    + "report this bug of flatten-to-parquet with the raw partition");
        }
    }

    /** The mapping of the table from the partition's source; a source flatten does not know is exit 2. */
    private TableMapping mappingOf(String source, String rawLocation) {
        if (mapping.source().isEmpty() || mapping.source().get().equals(source)) {
            return mapping;
        }
        try {
            return CuratedTables.of(mapping.dataset(), source);
        } catch (IllegalArgumentException e) {
            throw TaskException.notRetryable(rawLocation + LakePaths.MANIFEST_FILE + " names source '" + source
                    + "', which flatten-to-parquet cannot read into " + mapping.dataset() + " (sources: "
                    + CuratedTables.SPOTIFY + ", " + CuratedTables.RECCOBEATS + ")");
        }
    }

    /** The markets the top tracks were asked for, as the fetch wrote them into the raw manifest. */
    private static List<String> markets(JsonNode manifest, String rawLocation) {
        List<String> markets = new ArrayList<>();
        manifest.path("input").path("markets").forEach(market -> markets.add(market.asText()));
        if (markets.isEmpty()) {
            throw TaskException.notRetryable(rawLocation + LakePaths.MANIFEST_FILE + " names no markets (input.markets): "
                    + "ReccoBeats' tracks cannot be ranked into top tracks without them; fetch the day again (--force)");
        }
        return markets;
    }

    private List<GroupFlattener.Result> run(List<OutputGroups.Group> groups, GroupFlattener flattener) {
        GroupFlattener.Result[] results = new GroupFlattener.Result[groups.size()];
        try (BoundedWork work = new BoundedWork("flatten", Math.min(settings.threads(), groups.size()))) {
            for (OutputGroups.Group group : groups) {
                work.submit(() -> results[group.number()] = flattener.flatten(group));
            }
            work.awaitAll();
        }
        return List.of(results);
    }

    /**
     * Ingest counted the records it wrote; reading another number means the files changed under us or records
     * were lost. Lines rejected whole for lacking their array of rows are not in ingest's count.
     */
    private void checkRawManifest(TableMapping readMapping, JsonNode manifest, long recordsIn, String rawLocation) {
        long expected = 0;
        for (FieldPath count : readMapping.rawManifestCounts()) {
            JsonNode value = count.read(manifest);
            if (!value.canConvertToLong()) {
                log.warn("{}{} has no number at {}: the raw records cannot be checked against it", rawLocation,
                        LakePaths.MANIFEST_FILE, count);
                return;
            }
            expected += value.asLong();
        }
        if (expected != recordsIn) {
            throw TaskException.notRetryable(rawLocation + LakePaths.MANIFEST_FILE + " counts " + expected
                    + " raw records but its part files hold " + recordsIn + ": the raw partition changed after it "
                    + "was written; fetch it again (--force) before flattening");
        }
    }

    /** Logs each raw file done, with the totals so far and the rate. */
    private final class ProgressLog implements GroupFlattener.Progress {
        private final int files;
        private final long started;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong rows = new AtomicLong();
        private final AtomicLong rejects = new AtomicLong();

        ProgressLog(int files, long started) {
            this.files = files;
            this.started = started;
        }

        @Override
        public void partDone(String key, long partRecords, long partRows, long partRejects) {
            int finished = done.incrementAndGet();
            long total = records.addAndGet(partRecords);
            double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
            log.info("{}: {} of {} raw files ({}%), {} records so far -> {} rows + {} rejects, {} records/s; {} done",
                    mapping.dataset(), finished, files, finished * 100 / files, total, rows.addAndGet(partRows),
                    rejects.addAndGet(partRejects), Math.round(total / seconds), LakePaths.fileName(key));
        }
    }
}
