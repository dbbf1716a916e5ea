package dev.spotifylake.reccobeats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.spotify.ApiResponse;
import dev.spotifylake.spotify.LimitedApiClient;
import dev.spotifylake.spotify.RateLimiter;
import dev.spotifylake.spotify.RetriesExhaustedException;
import dev.spotifylake.spotify.RetryPolicy;
import dev.spotifylake.spotify.TimeSource;
import dev.spotifylake.spotify.Transport;

/**
 * GETs from ReccoBeats (no key, no token), as a polite client of a free third party: every request passes one
 * rate limiter of its own, shared by the task's threads and separate from Spotify's, and names spotify-lake and
 * its version in its User-Agent; 429 and its Retry-After, 5xx and dropped connections are handled by the same
 * {@link RetryPolicy} as Spotify's. Thread-safe.
 */
public final class ReccoBeatsClient extends LimitedApiClient {
    /** The most ids a list request takes (documented for /artist and /track; clients batch /audio-features alike). */
    public static final int IDS_PER_REQUEST = 40;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ReccoBeatsSettings settings;
    private final Map<String, String> headers;

    public ReccoBeatsClient(ReccoBeatsSettings settings, Transport transport, RateLimiter limiter, TimeSource time,
            DoubleSupplier random) {
        super("ReccoBeats", settings.retries(), transport, limiter, time, random);
        this.settings = settings;
        this.headers = Map.of("User-Agent", settings.userAgent(), "Accept", "application/json");
    }

    /** GETs {@code relative}, e.g. {@code artist?ids=...}, under the API root. */
    @Override
    public ApiResponse get(String relative) throws InterruptedException, RetriesExhaustedException {
        return get(settings.api(relative), () -> headers);
    }

    /** ReccoBeats asks for no credentials. */
    @Override
    public void checkCredentials() {
        // nothing to check
    }

    /**
     * One line from ReccoBeats' error bodies: {@code {"timestamp","error","path","status":4002}} (the body's status
     * is its own code) and, for validation, {@code {"status":4004,"errors":[{"path","message"}]}}.
     */
    @Override
    public String reason(ApiResponse response) {
        String status = "HTTP " + response.status();
        try {
            JsonNode error = MAPPER.readTree(response.body());
            List<String> messages = new ArrayList<>();
            if (error.path("error").isTextual()) {
                messages.add(error.path("error").asText());
            }
            for (JsonNode problem : error.path("errors")) {
                String field = problem.path("path").asText("");
                messages.add(field.isEmpty() ? problem.path("message").asText() : field + ": " + problem.path("message").asText());
            }
            if (error.path("status").canConvertToInt()) {
                status += " (ReccoBeats code " + error.path("status").asInt() + ")";
            }
            return messages.isEmpty() ? status : status + ": " + String.join("; ", messages);
        } catch (IOException | RuntimeException e) {
            return status;
        }
    }
}
