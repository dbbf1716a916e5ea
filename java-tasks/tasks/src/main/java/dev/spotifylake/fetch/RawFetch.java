package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.LateSnapshots;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.spotify.ApiClient;
import dev.spotifylake.spotify.ClientStats;

/**
 * The life of one raw fetch partition, shared by the fetch tasks.
 * <ol>
 * <li>Complete already (its pointer names a version that holds its files): nothing is fetched, exit 0 (--force
 * fetches a new version). Unless some requests failed for a reason a retry may help (retries exhausted on 429,
 * 5xx, a dropped connection): then their parts are fetched again into a new version, the other parts copied
 * into it from the complete one. Permanent answers (404, an invalid id) stay failures.</li>
 * <li>A dt more than --max-late-days in the past with no raw data: a snapshot taken now would not describe that
 * day, so the task skips (99).</li>
 * <li>Otherwise the job plans its calls in deterministic chunks into a version of the partition: a new one with
 * --force or failures to ask for again, else the one a killed run started from the same source (chunks with a
 * progress record in it are kept, the others fetched; a version begun by the other source is left alone: a version
 * holds one source's answers, named by its {@value #SOURCE_FILE}). The plan reads its input before any request:
 * the first request is the token's, so refused credentials exit 2 before anything of the lake was written. A job
 * in stages plans each stage from the answers of the one before, once that one is complete.</li>
 * <li>Then stale parts of the version are removed, its {@code _failures.json} written, and the partition's
 * pointer switches to it, last: from that moment readers see the new parts, and until then the previous complete
 * version, whatever happened to this run. The progress records stay in the version: a later run that finds the
 * pointer lost resumes the version and only writes the pointer again.</li>
 * </ol>
 */
final class RawFetch {
    private static final Logger log = LoggerFactory.getLogger(RawFetch.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PROGRESS_FOLDER = "_progress/";
    /** In the summary: the failures that a plain re-run asks for again. */
    private static final String FAILURES_TO_RETRY = "failures_to_retry";
    /** In a version: the source of its answers, {@code {"source": "reccobeats"}}. */
    static final String SOURCE_FILE = "_source.json";

    /** How a fetch behaves, from the command's options. */
    record Settings(boolean force, LateSnapshots late, int allowedFailures, int concurrency, Duration progressInterval) {
    }

    private final String task;
    private final FetchJob job;
    private final RawPartition partition;
    private final Settings settings;

    RawFetch(String task, FetchJob job, RawPartition partition, Settings settings) {
        this.task = requireNonNull(task, "task is null");
        this.job = requireNonNull(job, "job is null");
        this.partition = requireNonNull(partition, "partition is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Runs the fetch; the client is made only when there is something to fetch, and its credentials are checked
     * before the first file is written.
     */
    TaskSummary run(Supplier<? extends ApiClient> clients) {
        LocalDate dt = partition.dt();
        String location = partition.store().root().uriOf(partition.location());
        Optional<RawVersion> complete = settings.force() ? Optional.empty() : partition.complete();
        if (complete.isPresent()) {
            long toRetry = complete.get().summary().path(FAILURES_TO_RETRY).asLong();
            if (toRetry == 0) {
                log.info("{} is already complete: nothing to fetch (use --force to fetch again)", location);
                return TaskSummary.done(task, dt).with("already_complete", true)
                        .with("source", sourceOf(complete.get()))
                        .with("responses", complete.get().summary().path("responses").asLong())
                        .with("failures", complete.get().failures().size())
                        .with("location", location);
            }
            log.info("{} is complete, but {} requests failed for a reason a retry may help: asking for their parts "
                    + "again into a new version, the other parts copied", location, toRetry);
        }
        Optional<TaskSummary> tooLate = settings.late().skipIfTooLate(task, dt);
        if (tooLate.isPresent()) {
            return tooLate.get();
        }
        FetchPlan stage = job.plan();
        if (stage.calls() == 0 && stage.failuresUpFront().isEmpty()) {
            log.info("nothing to fetch for dt={}: the input is empty", dt);
            return TaskSummary.nothingToDo(task, dt).with("reason", "empty input");
        }
        RawVersion version = versionToWrite(complete.isPresent());
        // a version holds one source's answers: parts of a complete version of the other source are not kept
        Optional<RawVersion> keptFrom = complete.filter(old -> sourceOf(old).equals(job.source().label()));
        FetchPlan whole = stage;
        List<PartRecord> records = new ArrayList<>();
        ApiClient client = null;
        int fetchedParts = 0;
        while (true) {
            Map<Integer, PartRecord> done = recordsMatching(version, stage);
            Map<Integer, PartRecord> kept = new TreeMap<>();
            FetchPlan planned = stage;
            keptFrom.ifPresent(old -> recordsMatching(old, planned).forEach((number, record) -> {
                if (!done.containsKey(number) && record.failures().stream().noneMatch(Failures::worthRetrying)) {
                    kept.put(number, record);
                }
            }));
            List<Chunk> pending = stage.chunks().stream()
                    .filter(chunk -> !done.containsKey(chunk.number()) && !kept.containsKey(chunk.number())).toList();
            log.info("dt={}: {} calls in {} parts into {} from {}; {} parts already there from an earlier run, {} to fetch",
                    dt, stage.calls(), stage.chunks().size(), version, job.source().label(), done.size() + kept.size(),
                    pending.size());
            if (!pending.isEmpty()) {
                if (client == null) {
                    client = clients.get();
                    // Nothing was written yet: refused credentials (exit 2) leave the lake as it was.
                    checkCredentials(client);
                }
                new ChunkedFetcher(job, partition.dataset(), version, client, settings).run(pending)
                        .forEach(record -> done.put(record.number(), record));
                fetchedParts += pending.size();
            }
            if (!kept.isEmpty()) {
                markSource(version, job.source());
                keptFrom.ifPresent(old -> kept.forEach((number, record) -> done.put(number, copy(record, old, version))));
            }
            List<PartRecord> stageRecords = new ArrayList<>(done.values());
            stageRecords.sort(Comparator.comparingInt(PartRecord::number));
            // The partition is marked complete only with a record of every part of the plan: whatever went wrong
            // with a part, it must not be left out of a complete partition (nor out of a next stage's plan).
            if (stageRecords.size() != stage.chunks().size()) {
                throw TaskException.retryable("only " + stageRecords.size() + " of the " + stage.chunks().size()
                        + " parts of " + location + " were fetched; a retry of the task fetches the rest");
            }
            records.addAll(stageRecords);
            Optional<FetchPlan> next = job.nextStage(stage, answers(version, stageRecords));
            if (next.isEmpty()) {
                break;
            }
            stage = next.get();
            whole = whole.and(stage);
        }
        return complete(version, whole, records, fetchedParts, client == null ? null : client.stats(), location);
    }

    private static void checkCredentials(ApiClient client) {
        try {
            client.checkCredentials();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskException.retryable("interrupted while asking Spotify for an access token", e);
        }
    }

    /** The lines of a stage's part files, read back from the lake for the next stage's plan. */
    private static FetchJob.StageLines answers(RawVersion version, List<PartRecord> records) {
        return consumer -> records.stream().map(PartRecord::part).filter(Objects::nonNull).map(version::key)
                .forEach(key -> RawPartStream.forEachLine(version.store(), key, (json, number) -> {
                    JsonNode line = json.readValueAsTree();
                    consumer.accept(line);
                    return true;
                }));
    }

    /** Names the source of a version's answers, in the version, before its first part is written. */
    static void markSource(RawVersion version, Source source) {
        version.writeJson(SOURCE_FILE, Map.of("source", source.label()));
    }

    /** A version a run began writing holds one source's answers: a version without a mark predates ReccoBeats. */
    private boolean writtenByThisSource(RawVersion version) {
        String source = version.readJson(SOURCE_FILE).map(mark -> mark.path("source").asText())
                .orElse(Source.SPOTIFY.label());
        if (!source.equals(job.source().label())) {
            log.info("{} was begun with answers from {}: fetching from {} into a new version", version, source,
                    job.source().label());
            return false;
        }
        return true;
    }

    /** The source a complete version's pointer names: Spotify for a version without one. */
    private static String sourceOf(RawVersion version) {
        return version.pointer().map(Pointer::source).orElse(Source.SPOTIFY.label());
    }

    /**
     * --force, or failures to ask for again: a new version; else the version a killed run left incomplete (or one
     * whose pointer was lost: its parts are all there, and only the pointer is written again), or a new one.
     */
    private RawVersion versionToWrite(boolean retrying) {
        Instant now = Instant.now();
        if (settings.force() || retrying) {
            return partition.startVersion(now);
        }
        return partition.newestVersion().filter(this::writtenByThisSource).orElseGet(() -> partition.startVersion(now));
    }

    /** Copies a part of the complete version, with its record, into the new one: it is not asked for again. */
    private static PartRecord copy(PartRecord record, RawVersion from, RawVersion to) {
        if (record.part() != null) {
            from.store().copy(from.key(record.part()), to.key(record.part()));
        }
        to.writeJson(PartRecord.fileName(record.number()), record);
        return record;
    }

    /** Progress records of an earlier run whose chunk is cut the same way in this plan. */
    private Map<Integer, PartRecord> recordsMatching(RawVersion version, FetchPlan plan) {
        Map<Integer, String> fingerprints = new HashMap<>();
        plan.chunks().forEach(chunk -> fingerprints.put(chunk.number(), chunk.fingerprint()));
        Map<Integer, PartRecord> done = new TreeMap<>();
        for (String key : version.keysStartingWith(PROGRESS_FOLDER)) {
            version.readJson(key.substring(version.folder().length())).flatMap(RawFetch::toRecord)
                    .filter(record -> Objects.equals(fingerprints.get(record.number()), record.fingerprint()))
                    .ifPresent(record -> done.put(record.number(), record));
        }
        return done;
    }

    private TaskSummary complete(RawVersion version, FetchPlan plan, List<PartRecord> records, int fetchedParts,
            ClientStats stats, String location) {
        Set<String> parts = records.stream().map(PartRecord::part).filter(Objects::nonNull)
                .map(version::key).collect(Collectors.toSet());
        version.delete(version.partKeys().stream().filter(key -> !parts.contains(key)).toList());

        List<Map<String, Object>> failures = new ArrayList<>(plan.failuresUpFront());
        records.forEach(record -> failures.addAll(record.failures()));
        long responses = records.stream().mapToLong(PartRecord::lines).sum();
        Map<String, Long> counts = new TreeMap<>();
        records.forEach(record -> record.counts().forEach((name, value) -> counts.merge(name, value, Long::sum)));
        String first = records.stream().map(PartRecord::fetchedAtFirst).filter(Objects::nonNull).min(String::compareTo).orElse(null);
        String last = records.stream().map(PartRecord::fetchedAtLast).filter(Objects::nonNull).max(String::compareTo).orElse(null);
        long lagDays = last == null ? 0 : ChronoUnit.DAYS.between(partition.dt(), LocalDate.parse(last.substring(0, 10)));
        boolean late = first != null && (!first.startsWith(partition.dt().toString()) || !last.startsWith(partition.dt().toString()));

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("input", plan.input());
        manifest.put("calls", plan.calls());
        manifest.put("responses", responses);
        manifest.put("failures", failures.size());
        manifest.put(FAILURES_TO_RETRY, failures.stream().filter(Failures::worthRetrying).count());
        manifest.put("counts", counts);
        manifest.put("fetched_at_first", first);
        manifest.put("fetched_at_last", last);
        manifest.put("late", late);
        manifest.put("late_days", lagDays);
        manifest.put("parts", records.stream().map(RawFetch::describe).toList());
        Map<String, Long> linesByPart = new LinkedHashMap<>();
        records.stream().filter(record -> record.part() != null).forEach(record -> linesByPart.put(record.part(), record.lines()));
        partition.commit(version, linesByPart, job.source().label(), manifest, failures, Instant.now());

        if (late) {
            log.warn("late snapshot: dt={} was fetched at {} .. {}", partition.dt(), first, last);
        }
        log.info("{} complete: {} answers in {} parts, {} failures", location, responses, parts.size(), failures.size());
        TaskSummary summary = TaskSummary.done(task, partition.dt()).with("source", job.source().label());
        plan.input().forEach(summary::with);
        summary.with("calls", plan.calls()).with("responses", responses).with("failures", failures.size());
        counts.forEach(summary::with);
        summary.with("parts", parts.size()).with("parts_fetched_now", fetchedParts);
        if (stats != null) {
            summary.with("http_requests", stats.requests()).with("retries", stats.retries())
                    .with("throttled", stats.throttledAnswers()).with("server_errors", stats.serverErrors())
                    .with("io_errors", stats.ioErrors()).with("unauthorized", stats.unauthorizedAnswers())
                    .with("wait_seconds", Math.round(stats.waitSeconds() * 10) / 10.0);
        }
        return summary.with("late", late).with("version", version.name()).with("location", location);
    }

    private static Map<String, Object> describe(PartRecord record) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("file", record.part());
        part.put("calls", record.calls());
        part.put("lines", record.lines());
        part.put("failures", record.failures().size());
        part.put("fetched_at_first", record.fetchedAtFirst());
        part.put("fetched_at_last", record.fetchedAtLast());
        part.put("counts", record.counts());
        return part;
    }

    /** A record this version cannot read is treated as absent: its chunk is fetched again. */
    private static Optional<PartRecord> toRecord(JsonNode json) {
        try {
            return Optional.of(MAPPER.treeToValue(json, PartRecord.class));
        } catch (JsonProcessingException e) {
            log.warn("ignoring an unreadable progress record: {}", e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
