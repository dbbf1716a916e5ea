package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How patient a client is with one API, whichever: the same rule for Spotify and ReccoBeats.
 *
 * @param maxAttempts attempts per request, the first included
 * @param maxRetryWait the longest single wait the task accepts; a longer Retry-After fails the task
 * @param backoffBase the wait before the first retry of a 5xx or I/O error (doubling after each)
 * @param backoffCap the longest backoff between two attempts
 */
public record RetrySettings(int maxAttempts, Duration maxRetryWait, Duration backoffBase, Duration backoffCap) {
    public RetrySettings {
        requireNonNull(maxRetryWait, "maxRetryWait is null");
        requireNonNull(backoffBase, "backoffBase is null");
        requireNonNull(backoffCap, "backoffCap is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
