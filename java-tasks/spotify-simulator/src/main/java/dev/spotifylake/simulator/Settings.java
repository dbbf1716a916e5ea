package dev.spotifylake.simulator;

import java.util.Set;

/**
 * The behaviours a test or benchmark switches on: at start from the command line, at runtime through
 * POST /_admin/config. Zero means off.
 *
 * @param rateLimit requests allowed per app within the rolling window, past which the API answers 429
 * @param rateWindowSeconds the rolling window (Spotify's is 30 s)
 * @param errorRate the share of API requests answered 500, 502 or 503
 * @param dropRate the share of API requests whose connection is closed without an answer
 * @param latencyMs added to every API request
 * @param tokenLifetimeSeconds expires_in of new access tokens
 * @param forbidden endpoints answering 403 as to an app in Development Mode (top-tracks, audio-features, artists)
 */
public record Settings(int rateLimit, int rateWindowSeconds, double errorRate, double dropRate, int latencyMs,
        long tokenLifetimeSeconds, Set<String> forbidden) {
    public static final Set<String> FORBIDDABLE = Set.of(Endpoint.TOP_TRACKS.label(), Endpoint.AUDIO_FEATURES.label(),
            Endpoint.ARTISTS.label(), Endpoint.ARTIST.label());

    public Settings {
        requireAtLeast("rate limit", rateLimit, 0);
        requireAtLeast("rate window", rateWindowSeconds, 1);
        requireShare("error rate", errorRate);
        requireShare("drop rate", dropRate);
        requireAtLeast("latency", latencyMs, 0);
        requireAtLeast("token lifetime", tokenLifetimeSeconds, 1);
        forbidden = Set.copyOf(forbidden);
        for (String endpoint : forbidden) {
            if (!FORBIDDABLE.contains(endpoint)) {
                throw new IllegalArgumentException("cannot forbid " + endpoint + ": one of " + FORBIDDABLE);
            }
        }
    }

    public static Settings defaults() {
        return new Settings(0, 30, 0, 0, 0, 3600, Set.of());
    }

    private static void requireAtLeast(String what, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ": " + value);
        }
    }

    private static void requireShare(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1: " + value);
        }
    }
}
