package dev.spotifylake.simulator;

import java.util.ArrayDeque;
import java.util.OptionalLong;

/** Spotify's per-app rate limit: at most N requests within a rolling window; past it, how long to wait. */
final class RateWindow {
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    /** Admits a request, or answers the Retry-After (whole seconds, at least 1) until the window has room. */
    synchronized OptionalLong admit(long nowMillis, int limit, int windowSeconds) {
        long windowMillis = windowSeconds * 1000L;
        while (!admitted.isEmpty() && admitted.peekFirst() <= nowMillis - windowMillis) {
            admitted.pollFirst();
        }
        if (admitted.size() >= limit) {
            long roomAt = admitted.peekFirst() + windowMillis;
            return OptionalLong.of(Math.max(1, (roomAt - nowMillis + 999) / 1000));
        }
        admitted.addLast(nowMillis);
        return OptionalLong.empty();
    }

    synchronized void clear() {
        admitted.clear();
    }
}
