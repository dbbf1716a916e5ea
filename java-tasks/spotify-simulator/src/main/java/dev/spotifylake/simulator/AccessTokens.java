package dev.spotifylake.simulator;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/** The access tokens the token endpoint issued, each with its expiry. */
final class AccessTokens {
    /** Expired tokens are forgotten once this many are kept, so that 1 s tokens over a long run stay cheap. */
    private static final int KEEP = 10_000;

    enum Verdict { VALID, MISSING, UNKNOWN, EXPIRED }

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final SplittableRandom random = new SplittableRandom();

    String issue(long lifetimeSeconds, long nowMillis) {
        String token;
        synchronized (random) {
            token = "BQ" + SpotifyIds.random(random, 110);
        }
        if (expiries.size() >= KEEP) {
            expiries.values().removeIf(expiry -> expiry < nowMillis);
        }
        expiries.put(token, nowMillis + lifetimeSeconds * 1000);
        return token;
    }

    Verdict check(String authorization, long nowMillis) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verdict.MISSING;
        }
        Long expiry = expiries.get(authorization.substring(7).trim());
        if (expiry == null) {
            return Verdict.UNKNOWN;
        }
        return nowMillis < expiry ? Verdict.VALID : Verdict.EXPIRED;
    }
}
