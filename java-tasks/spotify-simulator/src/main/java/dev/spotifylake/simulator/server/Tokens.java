package dev.spotifylake.simulator.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The access tokens handed out, with their expiry. Kept across /_admin/reset: a task's cached token stays good. */
final class Tokens {
    enum Check { VALID, EXPIRED, UNKNOWN }

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    String issue(long nowMillis, int lifetimeSeconds) {
        byte[] bytes = new byte[60];
        random.nextBytes(bytes);
        // Spotify's tokens are opaque URL-safe strings of this length starting "BQ"
        String token = "BQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, nowMillis + lifetimeSeconds * 1000L);
        return token;
    }

    Check check(String token, long nowMillis) {
        Long expiry = expiries.get(token);
        if (expiry == null) {
            return Check.UNKNOWN;
        }
        return nowMillis < expiry ? Check.VALID : Check.EXPIRED;
    }

    /** Every token handed out so far expires now: the next API call with one gets 401. */
    void expireAll(long nowMillis) {
        expiries.replaceAll((token, expiry) -> Math.min(expiry, nowMillis));
    }
}
