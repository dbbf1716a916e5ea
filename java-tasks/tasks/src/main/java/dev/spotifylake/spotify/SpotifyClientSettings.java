package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

import dev.spotifylake.common.Secret;

/**
 * How the client reaches Spotify and how patient it is.
 *
 * @param apiUrl the Web API root, {@code https://api.spotify.com/v1}
 * @param accountsUrl the accounts service root, {@code https://accounts.spotify.com} (token at /api/token)
 * @param maxAttempts attempts per request, the first included
 * @param maxRetryWait the longest single wait the task accepts; a longer Retry-After fails the task
 * @param backoffBase the wait before the first retry of a 5xx or I/O error (doubling after each)
 * @param backoffCap the longest backoff between two attempts
 */
public record SpotifyClientSettings(URI apiUrl, URI accountsUrl, String clientId, Secret clientSecret,
        int maxAttempts, Duration maxRetryWait, Duration backoffBase, Duration backoffCap) {

    public SpotifyClientSettings {
        requireNonNull(apiUrl, "apiUrl is null");
        requireNonNull(accountsUrl, "accountsUrl is null");
        requireNonNull(clientId, "clientId is null");
        requireNonNull(clientSecret, "clientSecret is null");
        requireNonNull(maxRetryWait, "maxRetryWait is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    RetrySettings retries() {
        return new RetrySettings(maxAttempts, maxRetryWait, backoffBase, backoffCap);
    }

    URI api(String relative) {
        return URI.create(withoutTrailingSlash(apiUrl) + "/" + relative);
    }

    URI tokenEndpoint() {
        return URI.create(withoutTrailingSlash(accountsUrl) + "/api/token");
    }

    private static String withoutTrailingSlash(URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }
}
