package dev.spotifylake.spotify;

import java.net.URI;
import java.time.Instant;

/**
 * The final answer of the Web API to one request, after retries: a 2xx with a JSON body, or a status that
 * retrying cannot change (400, 403, 404, ...). {@code path} is what was asked, e.g.
 * {@code /v1/artists/ID/top-tracks?market=US}; {@code receivedAt} is when the answer arrived (fetched_at).
 */
public record ApiResponse(String path, int status, byte[] body, Instant receivedAt) {

    /** What is recorded as asked: the URI's path and query as sent, {@code /v1/artists/ID/top-tracks?market=US}. */
    public static String pathOf(URI uri) {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    public boolean ok() {
        return status / 100 == 2;
    }
}
