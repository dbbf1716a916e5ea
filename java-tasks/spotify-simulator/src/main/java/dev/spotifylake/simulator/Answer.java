package dev.spotifylake.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What to answer one request: a status, extra headers and a JSON body (null for none). {@link #DROP} closes
 * the connection without answering.
 */
record Answer(int status, Map<String, String> headers, byte[] body, Long retryAfter) {
    static final Answer DROP = new Answer(Traffic.DROPPED, Map.of(), null, null);

    static Answer json(int status, byte[] body) {
        return new Answer(status, Map.of(), body, null);
    }

    static Answer json(int status, String body) {
        return json(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The API's error object; a null message is left out, as Spotify's 403 does. */
    static Answer error(int status, String message) {
        String error = message == null ? "{\"error\":{\"status\":" + status + "}}"
                : "{\"error\":{\"status\":" + status + ",\"message\":\"" + message + "\"}}";
        return json(status, error);
    }

    static Answer unauthorized(String message) {
        Answer error = error(401, message);
        return new Answer(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), error.body(), null);
    }

    /** Spotify's 429: Retry-After in seconds and no body at all. */
    static Answer throttled(long retryAfterSeconds) {
        return new Answer(429, Map.of("Retry-After", Long.toString(retryAfterSeconds)), null, retryAfterSeconds);
    }

    /** The accounts service's OAuth error. */
    static Answer oauthError(String error, String description) {
        return json(400, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }
}
