package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator saw: counts per endpoint and status, and a log of every request (arrival time, endpoint,
 * status, Retry-After) so tests can check how many calls were made and when, e.g. that none arrived inside a
 * Retry-After window. Status 0 is a connection closed without an answer.
 */
final class Traffic {
    static final int DROPPED = 0;
    /** Keeps memory bounded on long benchmark runs (about 40 MB when full); the counts go on. */
    private static final int LOG_CAPACITY = 1_000_000;

    record Seen(long timeMillis, Endpoint endpoint, int status, int retryAfterSeconds) {
    }

    private final Map<Endpoint, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();
    private final List<Seen> log = new ArrayList<>();
    private long unlogged;
    private long sinceMillis;

    Traffic(long nowMillis) {
        this.sinceMillis = nowMillis;
    }

    void record(Seen seen) {
        counts.computeIfAbsent(seen.endpoint(), endpoint -> new ConcurrentHashMap<>())
                .computeIfAbsent(seen.status(), status -> new LongAdder())
                .increment();
        synchronized (log) {
            if (log.size() < LOG_CAPACITY) {
                log.add(seen);
            } else {
                unlogged++;
            }
        }
    }

    synchronized void clear(long nowMillis) {
        counts.clear();
        synchronized (log) {
            log.clear();
            unlogged = 0;
        }
        sinceMillis = nowMillis;
    }

    /** {@code {"since_ms", "total", "endpoints": {"top-tracks": {"200": n, "429": n, "dropped": n}}}}. */
    synchronized void writeCountsTo(ObjectNode json) {
        json.put("since_ms", sinceMillis);
        ObjectNode endpoints = json.putObject("endpoints");
        long total = 0;
        for (Endpoint endpoint : Endpoint.values()) {
            Map<Integer, LongAdder> byStatus = counts.get(endpoint);
            if (byStatus == null) {
                continue;
            }
            ObjectNode statuses = endpoints.putObject(endpoint.jsonName());
            for (Map.Entry<Integer, LongAdder> entry : new TreeMap<>(byStatus).entrySet()) {
                long count = entry.getValue().sum();
                statuses.put(entry.getKey() == DROPPED ? "dropped" : entry.getKey().toString(), count);
                total += count;
            }
        }
        json.put("total", total);
    }

    /** The logged requests to {@code endpoint} (null: all) that arrived at or after {@code sinceMillis}. */
    void writeLogTo(ObjectNode json, Endpoint endpoint, long sinceMillis) {
        ArrayNode requests = json.putArray("requests");
        synchronized (log) {
            for (Seen seen : log) {
                if ((endpoint == null || seen.endpoint() == endpoint) && seen.timeMillis() >= sinceMillis) {
                    ObjectNode entry = requests.addObject();
                    entry.put("time_ms", seen.timeMillis());
                    entry.put("endpoint", seen.endpoint().jsonName());
                    entry.put("status", seen.status());
                    if (seen.retryAfterSeconds() > 0) {
                        entry.put("retry_after_s", seen.retryAfterSeconds());
                    }
                }
            }
            json.put("unlogged", unlogged);
        }
    }
}
