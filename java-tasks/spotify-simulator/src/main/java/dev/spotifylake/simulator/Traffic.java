package dev.spotifylake.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the simulator answered: counters per endpoint and status, and a log of the latest requests. */
final class Traffic {
    /** Status of a request whose connection was closed without an answer. */
    static final int DROPPED = 0;
    private static final int LOG_LIMIT = 500_000;

    /** One request: when it arrived, what it asked, what it got (and the Retry-After of a 429). */
    record Entry(long receivedAtMillis, String method, String path, Endpoint endpoint, int status, Long retryAfter) {
    }

    private final Map<Endpoint, Map<Integer, LongAdder>> counters = new ConcurrentHashMap<>();
    private final ArrayDeque<Entry> log = new ArrayDeque<>();

    void record(Entry entry) {
        counters.computeIfAbsent(entry.endpoint(), endpoint -> new ConcurrentHashMap<>())
                .computeIfAbsent(entry.status(), status -> new LongAdder()).increment();
        synchronized (log) {
            if (log.size() == LOG_LIMIT) {
                log.pollFirst();
            }
            log.addLast(entry);
        }
    }

    /** Counts by endpoint label, then by status. */
    Map<String, Map<Integer, Long>> counts() {
        Map<String, Map<Integer, Long>> counts = new TreeMap<>();
        counters.forEach((endpoint, byStatus) -> {
            Map<Integer, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
            counts.put(endpoint.label(), statuses);
        });
        return counts;
    }

    List<Entry> entries() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    void clear() {
        counters.clear();
        synchronized (log) {
            log.clear();
        }
    }
}
