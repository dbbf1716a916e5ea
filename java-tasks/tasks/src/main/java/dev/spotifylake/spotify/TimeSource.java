package dev.spotifylake.spotify;

import java.time.Instant;

/**
 * The clock the client waits on. Tests pass a controllable one, so retry, limiter and token logic are checked
 * without sleeping; the task uses {@link #system()}.
 */
public interface TimeSource {
    /** A monotonic reading in nanoseconds, for waits and rates. */
    long nanoTime();

    /** The wall-clock instant, for fetched_at and token expiry logs. */
    Instant now();

    /** Blocks the calling thread for the given nanoseconds (no-op when not positive). */
    void sleepNanos(long nanos) throws InterruptedException;

    static TimeSource system() {
        return new TimeSource() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                if (nanos > 0) {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            }
        };
    }
}
