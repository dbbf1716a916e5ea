package dev.spotifylake.fetch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.spotify.ClientStats;

/** Logs a long fetch's progress at a fixed interval: done/total, request rate, retries, 429s, waits, failures. */
final class ProgressLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

    private final String what;
    private final long total;
    private final ClientStats stats;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;

    ProgressLog(String what, long total, ClientStats stats, Duration interval) {
        this.what = what;
        this.total = total;
        this.stats = stats;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress-log");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(interval.toMillis(), 100);
        timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    void callDone(boolean succeeded) {
        done.incrementAndGet();
        if (!succeeded) {
            failed.incrementAndGet();
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    void report() {
        double seconds = Math.max(elapsedSeconds(), 1e-9);
        long calls = done.get();
        log.info("{}: {}/{} calls done ({}%), {} requests/s, {} retries, {} answered 429, {} s waited, {} failed",
                what, calls, total, total == 0 ? 100 : Math.round(1000.0 * calls / total) / 10.0,
                Math.round(stats.requests() / seconds * 10) / 10.0, stats.retries(), stats.throttledAnswers(),
                Math.round(stats.waitSeconds() * 10) / 10.0, failed.get());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        report();
    }
}
