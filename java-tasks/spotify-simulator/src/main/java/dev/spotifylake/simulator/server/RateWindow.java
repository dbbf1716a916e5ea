package dev.spotifylake.simulator.server;

import java.util.ArrayDeque;

/**
 * Spotify's per-app rate limit: at most {@code limit} admitted requests in any rolling window. A refused request
 * does not count, so a client that waits the Retry-After it was given finds room.
 */
final class RateWindow {
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    /** 0 when the request is admitted, else the whole seconds until the window has room again (at least 1). */
    synchronized int admit(long nowMillis, int limit, int windowSeconds) {
        if (limit <= 0) {
            return 0;
        }
        long windowMillis = windowSeconds * 1000L;
        while (!admitted.isEmpty() && admitted.peekFirst() <= nowMillis - windowMillis) {
            admitted.pollFirst();
        }
        if (admitted.size() < limit) {
            admitted.addLast(nowMillis);
            return 0;
        }
        // the oldest entries leave first; after the limit was lowered, several of them must be gone
        long oldestToLeave = admitted.size() == limit
                ? admitted.peekFirst()
                : admitted.stream().skip(admitted.size() - limit).findFirst().orElseThrow();
        long freeAt = oldestToLeave + windowMillis;
        return (int) Math.max(1, (freeAt - nowMillis + 999) / 1000);
    }

    synchronized void clear() {
        admitted.clear();
    }
}
