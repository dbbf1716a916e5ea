package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.BoundedWork;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawJson;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.spotify.ApiClient;
import dev.spotifylake.spotify.ApiResponse;
import dev.spotifylake.spotify.RetriesExhaustedException;

/**
 * Runs the calls of a fetch's pending chunks, at most {@code concurrency} at a time, and turns each chunk into
 * one part file plus its progress record as soon as its last call is answered. Calls are dispatched in chunk
 * order, so only the few chunks that in-flight calls belong to are open at once: memory stays flat.
 *
 * <p>How it ends: a 403 or a task-level failure (credentials, a Retry-After past the maximum) stops everything
 * at once and is rethrown; a call that outlasts its retries is recorded as a failure while the allowance lasts,
 * and past it no new call is dispatched, the chunks in flight are finished, and the task fails with exit 1 so
 * that Airflow's retry fetches only the chunks still missing.
 */
final class ChunkedFetcher {
    private static final Logger log = LoggerFactory.getLogger(ChunkedFetcher.class);

    private final FetchJob job;
    private final Dataset dataset;
    private final RawVersion version;
    private final ApiClient client;
    private final RawFetch.Settings settings;

    private final AtomicInteger exhausted = new AtomicInteger();
    private final AtomicReference<RetriesExhaustedException> lastExhausted = new AtomicReference<>();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private final List<PartRecord> completed = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopDispatching;
    private boolean sourceMarked;
    private BoundedWork work;
    private ProgressLog progress;

    ChunkedFetcher(FetchJob job, Dataset dataset, RawVersion version, ApiClient client, RawFetch.Settings settings) {
        this.job = requireNonNull(job, "job is null");
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.version = requireNonNull(version, "version is null");
        this.client = requireNonNull(client, "client is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Fetches the chunks and answers the records of those now complete in the lake. */
    List<PartRecord> run(List<Chunk> chunks) {
        long calls = chunks.stream().mapToLong(chunk -> chunk.calls().size()).sum();
        List<ChunkRun> started = new ArrayList<>();
        try (BoundedWork work = new BoundedWork(job.source().label() + "-fetch", settings.concurrency());
                ProgressLog log = new ProgressLog(dataset.folder(), calls, client.stats(), settings.progressInterval())) {
            this.work = work;
            progress = log;
            dispatch(chunks, started);
        } finally {
            started.forEach(ChunkRun::discardIfUnfinished);
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        if (exhausted.get() > settings.allowedFailures()) {
            throw TaskException.retryable(exhausted.get() + " requests still failed after their retries (last: "
                    + lastExhausted.get().getMessage() + "), more than --allowed-failures (" + settings.allowedFailures()
                    + "); " + completed.size() + " of " + chunks.size() + " pending parts were written and are kept: "
                    + "a retry of the task fetches only the rest");
        }
        return List.copyOf(completed);
    }

    private void dispatch(List<Chunk> chunks, List<ChunkRun> started) {
        dispatching:
        for (Chunk chunk : chunks) {
            ChunkRun run = new ChunkRun(chunk);
            started.add(run);
            for (FetchCall call : chunk.calls()) {
                if (stopDispatching || !work.submit(() -> run.call(call))) {
                    break dispatching;
                }
            }
        }
        work.awaitAll();
    }

    /** Stops the fetch at once: no new calls, in-flight calls interrupted. */
    private void stop(RuntimeException cause) {
        fatal.compareAndSet(null, cause);
        stopDispatching = true;
        work.stop();
    }

    /** One answer of a call, held until the call is whole. */
    private record Answer(FetchCall request, ApiResponse response) {
    }

    /** Stamps the version with the job's source before its first file: a resume never mixes sources. */
    private synchronized void markSource() {
        if (!sourceMarked) {
            RawFetch.markSource(version, job.source());
            sourceMarked = true;
        }
    }

    /** One chunk being fetched: its part file, failures and counts; finished by whichever call ends last. */
    private final class ChunkRun {
        private final Chunk chunk;
        private final AtomicInteger remaining;
        private final List<Map<String, Object>> failures = new ArrayList<>();
        private final Map<String, Long> counts = new TreeMap<>();
        private PartFileWriter writer;
        private String fetchedAtFirst;
        private String fetchedAtLast;
        private boolean incomplete;
        private boolean finished;

        ChunkRun(Chunk chunk) {
            this.chunk = chunk;
            this.remaining = new AtomicInteger(chunk.calls().size());
        }

        void call(FetchCall call) {
            boolean succeeded = false;
            try {
                succeeded = fetchWhole(call);
            } catch (RetriesExhaustedException e) {
                lastExhausted.set(e);
                if (exhausted.incrementAndGet() <= settings.allowedFailures()) {
                    fail(Failures.worthRetrying(call, e.lastStatus() == 0 ? null : e.lastStatus(), e.getMessage()));
                } else {
                    markIncomplete();
                    stopDispatching = true;
                }
            } catch (InterruptedException e) {
                markIncomplete();
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                markIncomplete();
                stop(e);
            } catch (Error e) {
                // caught here, not by the pool's thread: an escaped Error would leave the chunk unfinished unnoticed
                markIncomplete();
                stop(TaskException.fromError(e));
            } finally {
                progress.callDone(succeeded);
            }
            if (remaining.decrementAndGet() == 0) {
                finish();
            }
        }

        /**
         * Sends the call's request and the follow-ups its answers lead to, and writes all the answers once every
         * request is answered; the first refused request fails the whole call (its subjects go to failures).
         */
        private boolean fetchWhole(FetchCall call) throws InterruptedException, RetriesExhaustedException {
            List<Answer> answers = new ArrayList<>();
            Deque<FetchCall> requests = new ArrayDeque<>(List.of(call));
            while (!requests.isEmpty()) {
                FetchCall request = requests.poll();
                ApiResponse response = client.get(request.relativePath());
                if (response.status() == 403) {
                    markIncomplete();
                    String reason = client.reason(response);
                    stop(new EndpointRefused(job.refusal(reason), job.forbidden(reason)));
                    return false;
                }
                if (!response.ok()) {
                    fail(Failures.of(call, response.status(), client.reason(response)));
                    return false;
                }
                answers.add(new Answer(request, response));
                requests.addAll(job.followUps(request, response.body()));
            }
            write(answers);
            return true;
        }

        private synchronized void write(List<Answer> answers) {
            if (writer == null) {
                writer = new PartFileWriter();
            }
            for (Answer answer : answers) {
                write(answer.request(), answer.response());
            }
        }

        private void write(FetchCall call, ApiResponse response) {
            String fetchedAt = RawJson.instant(response.receivedAt());
            writer.write(json -> {
                for (Map.Entry<String, Object> field : call.envelope().entrySet()) {
                    json.writeObjectField(field.getKey(), field.getValue());
                }
                json.writeStringField("fetched_at", fetchedAt);
                json.writeObjectFieldStart("request");
                json.writeStringField("method", "GET");
                json.writeStringField("path", response.path());
                json.writeEndObject();
                json.writeNumberField("status", response.status());
                json.writeFieldName("body");
                RawJson.writeBody(json, response.body());
            });
            job.count(call, response.body()).forEach((name, value) -> counts.merge(name, value, Long::sum));
            if (fetchedAtFirst == null || fetchedAt.compareTo(fetchedAtFirst) < 0) {
                fetchedAtFirst = fetchedAt;
            }
            if (fetchedAtLast == null || fetchedAt.compareTo(fetchedAtLast) > 0) {
                fetchedAtLast = fetchedAt;
            }
        }

        private synchronized void fail(List<Map<String, Object>> records) {
            failures.addAll(records);
        }

        private synchronized void markIncomplete() {
            incomplete = true;
        }

        /** Uploads the part, then its record: a chunk counts as done only once both are in the lake. */
        private synchronized void finish() {
            finished = true;
            if (incomplete || fatal.get() != null) {
                discard();
                return;
            }
            try {
                markSource();
                String part = null;
                if (writer != null && writer.lines() > 0) {
                    part = RawPartition.partFileName(chunk.number());
                    writer.publish(version.store(), version.key(part));
                }
                PartRecord record = new PartRecord(chunk.number(), part, chunk.fingerprint(), chunk.calls().size(),
                        writer == null ? 0 : writer.lines(), failures, fetchedAtFirst, fetchedAtLast, counts);
                version.writeJson(PartRecord.fileName(chunk.number()), record);
                completed.add(record);
            } catch (RuntimeException e) {
                stop(e);
            } catch (Error e) {
                stop(TaskException.fromError(e));
            } finally {
                discard();
            }
        }

        synchronized void discardIfUnfinished() {
            if (!finished) {
                discard();
            }
        }

        private void discard() {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
