package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client of the simulator for the tests: tokens, API calls (Spotify's, ReccoBeats'), admin calls. */
final class TestClient {
    static final String CLIENT_ID = "test-client";
    static final String CLIENT_SECRET = "test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    TestClient(URI base) {
        this.base = base;
    }

    static SimulatorConfig config(SimulatorSettings settings) {
        return new SimulatorConfig("127.0.0.1", 0, CLIENT_ID, CLIENT_SECRET, 42, 1000, 8, settings);
    }

    HttpResponse<String> requestToken(String authorization, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    String token() {
        HttpResponse<String> response = requestToken(basic(CLIENT_ID, CLIENT_SECRET), "grant_type=client_credentials");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).get("access_token").asText();
    }

    /** GET under /v1 with the given token (null: no Authorization header). */
    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/" + pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** GET under /reccobeats/v1 with the given User-Agent (null: the HTTP client's own). */
    HttpResponse<String> reccoBeats(String pathAndQuery, String userAgent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/reccobeats/v1/" + pathAndQuery)).GET();
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return send(request.build());
    }

    HttpResponse<String> getRaw(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    JsonNode admin(String path, String body) {
        HttpResponse<String> response = adminResponse(path, body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** POST when there is a body (or for reset and expire-tokens), GET otherwise. */
    HttpResponse<String> adminResponse(String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/_admin/" + path));
        boolean post = body != null || path.equals("reset") || path.equals("expire-tokens");
        request.method(post ? "POST" : "GET", body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    /** The raw exchange, for tests that expect the connection to fail. */
    HttpResponse<String> sendOrThrow(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/" + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
