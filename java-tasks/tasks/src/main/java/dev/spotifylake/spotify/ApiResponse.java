package dev.spotifylake.spotify;

import java.time.Instant;

/**
 * The final answer of the Web API to one request, after retries: a 2xx with a JSON body, or a status that
 * retrying cannot change (400, 403, 404, ...). {@code path} is what was asked, e.g.
 * {@code /v1/artists/ID/top-tracks?market=US}; {@code receivedAt} is when the answer arrived (fetched_at).
 */
public record ApiResponse(String path, int status, byte[] body, Instant receivedAt) {

    public boolean ok() {
        return status / 100 == 2;
    }
}
