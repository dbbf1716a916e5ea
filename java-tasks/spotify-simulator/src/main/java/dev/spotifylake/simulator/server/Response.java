package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer. Error bodies take Spotify's two shapes: {@code {"error":{"status","message"}}} from the Web API
 * (the message left out where Spotify leaves it out) and OAuth's {@code {"error","error_description"}} from the
 * accounts service.
 *
 * @param body null for an answer without a body
 * @param retryAfterSeconds the Retry-After header, 0 for none
 */
record Response(int status, byte[] body, int retryAfterSeconds, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();

    static Response json(int status, JsonNode body) {
        try {
            return new Response(status, JSON.writeValueAsBytes(body), 0, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    static Response json(int status, byte[] body) {
        return new Response(status, body, 0, Map.of());
    }

    /** A Web API error; a null message leaves the field out, as Spotify's 403 to Development Mode apps does. */
    static Response error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("status", status);
        if (message != null) {
            error.put("message", message);
        }
        return json(status, body);
    }

    /** A 5xx in the words Spotify uses. */
    static Response serverError(int status) {
        return error(status, switch (status) {
            case 500 -> "Server error.";
            case 502 -> "Bad gateway.";
            case 503 -> "Service unavailable";
            default -> "Simulated server error";
        });
    }

    static Response oauthError(String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return json(400, body);
    }

    /** Throttled: Spotify's 429 comes with Retry-After and often no body at all. */
    static Response throttled(int retryAfterSeconds) {
        return new Response(429, null, retryAfterSeconds, Map.of());
    }

    Response withRetryAfter(int seconds) {
        return new Response(status, body, seconds, headers);
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, body, retryAfterSeconds, Map.copyOf(more));
    }
}
