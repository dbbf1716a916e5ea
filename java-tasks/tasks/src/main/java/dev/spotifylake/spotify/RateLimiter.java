package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The one gate every request of a task passes, whatever thread sends it. It spaces requests evenly so that no
 * window of the configured length ever holds more than the configured number of requests (a small burst is
 * allowed to catch up a slot that a busy thread missed), and it holds every request back while Spotify has asked
 * us to wait (a 429's Retry-After): one throttled answer pauses the whole task, not just the thread that got it.
 *
 * <p>Spaced rather than "N at once, then wait": Spotify counts over a rolling 30 s window, and a burst at the
 * start of each window is exactly what gets an app throttled.
 */
public final class RateLimiter {
    private final TimeSource time;
    /** Nanoseconds between two requests at the steady rate; 0 when there is no limit (pauses still apply). */
    private final long intervalNanos;
    /** How far ahead of its even slot a request may go: (burst - 1) intervals. */
    private final long toleranceNanos;

    /** The slot the next request would take at the steady rate (the "theoretical arrival time"). */
    private long nextSlot;
    private long pausedUntil;

    private RateLimiter(TimeSource time, long intervalNanos, long toleranceNanos) {
        this.time = requireNonNull(time, "time is null");
        this.intervalNanos = intervalNanos;
        this.toleranceNanos = toleranceNanos;
        this.nextSlot = time.nanoTime();
        this.pausedUntil = nextSlot;
    }

    /**
     * At most {@code requests} in any {@code window}, with up to {@code burst} requests sent back to back after a
     * quiet spell. Needs {@code requests > burst}.
     */
    public static RateLimiter perWindow(int requests, Duration window, int burst, TimeSource time) {
        if (burst < 1 || requests <= burst) {
            throw new IllegalArgumentException("a limit of " + requests + " requests per " + window.toSeconds()
                    + " s needs more requests than its burst of " + burst);
        }
        // Any window of length W holds at most burst + W / interval requests: solve for requests.
        long interval = window.toNanos() / (requests - burst);
        return new RateLimiter(time, interval, (burst - 1) * interval);
    }

    /** No rate of its own: only Spotify's Retry-After pauses hold requests back. */
    public static RateLimiter unlimited(TimeSource time) {
        return new RateLimiter(time, 0, 0);
    }

    /**
     * Blocks until the calling thread may send one request, and answers how long it waited in nanoseconds.
     * A pause that starts while a thread waits for its slot holds that thread too.
     */
    public long acquire() throws InterruptedException {
        long start = time.nanoTime();
        while (true) {
            long slot = reserve();
            time.sleepNanos(slot - time.nanoTime());
            synchronized (this) {
                if (time.nanoTime() - pausedUntil >= 0) {
                    return time.nanoTime() - start;
                }
            }
        }
    }

    /** Holds every request back until {@code wait} has passed from now (Spotify's Retry-After). */
    public synchronized void pauseFor(long waitNanos) {
        long until = time.nanoTime() + waitNanos;
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    private synchronized long reserve() {
        long now = time.nanoTime();
        long slot = later(now, pausedUntil);
        if (intervalNanos > 0) {
            slot = later(slot, nextSlot - toleranceNanos);
            nextSlot = later(nextSlot, slot) + intervalNanos;
        }
        return slot;
    }

    /** The later of two {@link System#nanoTime()} readings, which may overflow: compare by difference. */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
