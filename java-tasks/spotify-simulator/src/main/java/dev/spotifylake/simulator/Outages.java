package dev.spotifylake.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/** Planned 503s for retry tests: the next N API requests, or every API request until a moment. */
final class Outages {
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile long failUntilMillis;

    void failNext(int requests) {
        failNext.set(requests);
    }

    void failFor(double seconds, long nowMillis) {
        failUntilMillis = nowMillis + (long) (seconds * 1000);
    }

    /** True when this request falls into a planned outage (and uses up one of the next N). */
    boolean now(long nowMillis) {
        if (nowMillis < failUntilMillis) {
            return true;
        }
        return failNext.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    void clear() {
        failNext.set(0);
        failUntilMillis = 0;
    }
}
