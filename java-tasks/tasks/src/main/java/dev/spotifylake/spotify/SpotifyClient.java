package dev.spotifylake.spotify;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.TaskException;

/**
 * GETs from the Spotify Web API with everything a long fetch needs: a cached client-credentials token (refreshed
 * before expiry and on 401), one rate limiter shared by all threads, retries of 429, 5xx, I/O errors and broken
 * bodies with exponential backoff and jitter, and Retry-After honoured by pausing the whole task. A Retry-After
 * longer than {@link SpotifyClientSettings#maxRetryWait()} fails the task (exit 1) rather than hanging it.
 * Thread-safe: one client serves all the task's worker threads. The client secret never leaves the token request.
 */
public final class SpotifyClient extends LimitedApiClient {
    private static final Logger log = LoggerFactory.getLogger(SpotifyClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SpotifyClientSettings settings;
    private final AccessTokens tokens;

    public SpotifyClient(SpotifyClientSettings settings, Transport transport, RateLimiter limiter, TimeSource time,
            DoubleSupplier random) {
        super("Spotify", settings.retries(), transport, limiter, time, random);
        this.settings = settings;
        this.tokens = new AccessTokens(this::fetchToken, time);
    }

    /** GETs {@code relative}, e.g. {@code artists/ID/top-tracks?market=US}; a 401 fetches a new token. */
    @Override
    public ApiResponse get(String relative) throws InterruptedException, RetriesExhaustedException {
        URI uri = settings.api(relative);
        return get(uri, new Headers() {
            private AccessTokens.Current token;

            @Override
            public Map<String, String> next() throws InterruptedException {
                token = tokens.current();
                return Map.of("Authorization", "Bearer " + token.value(), "Accept", "application/json");
            }

            @Override
            public boolean refreshAfterUnauthorized() {
                stats().unauthorized();
                log.debug("401 for {}: fetching a new token", ApiResponse.pathOf(uri));
                tokens.invalidate(token);
                return true;
            }
        });
    }

    /**
     * Fetches the token the next requests will use: a refused client secret fails here (exit 2), before the
     * caller has written anything.
     */
    @Override
    public void checkCredentials() throws InterruptedException {
        tokens.current();
    }

    /** Why Spotify refused a call, from its {@code {"error":{"status","message"}}} body when it has one. */
    @Override
    public String reason(ApiResponse response) {
        String message = "";
        try {
            JsonNode error = MAPPER.readTree(response.body()).path("error");
            message = error.isTextual() ? error.asText() : error.path("message").asText("");
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        String status = response.status() == 404 ? "not found (HTTP 404)" : "HTTP " + response.status();
        return message.isBlank() ? status : status + ": " + message;
    }

    private AccessTokens.Token fetchToken() throws InterruptedException {
        URI endpoint = settings.tokenEndpoint();
        String basic = Base64.getEncoder().encodeToString(
                (settings.clientId() + ":" + settings.clientSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        Transport.Response response;
        try {
            response = retries.exchange(new RetryPolicy.Attempt() {
                @Override
                public Transport.Response send() throws IOException, InterruptedException {
                    return transport.send(Transport.Request.postForm(endpoint,
                            Map.of("Authorization", "Basic " + basic, "Accept", "application/json"),
                            "grant_type=client_credentials"));
                }

                @Override
                public boolean refreshAfterUnauthorized() {
                    return false;
                }

                @Override
                public void throttled(long waitNanos) throws InterruptedException {
                    time.sleepNanos(waitNanos);
                }
            }, "POST " + endpoint);
        } catch (RetriesExhaustedException e) {
            throw TaskException.retryable("cannot get a Spotify access token: " + e.getMessage(), e);
        }
        if (response.status() != 200) {
            throw TaskException.notRetryable("Spotify's accounts service refused the client credentials (HTTP "
                    + response.status() + oauthError(response.body()) + "): check SPOTIFY_CLIENT_ID and "
                    + "SPOTIFY_CLIENT_SECRET");
        }
        try {
            JsonNode token = MAPPER.readTree(response.body());
            String value = token.path("access_token").asText("");
            if (value.isEmpty()) {
                throw TaskException.retryable("Spotify's token answer holds no access_token");
            }
            long lifetime = token.path("expires_in").asLong(3600);
            log.info("fetched a Spotify access token valid for {} s", lifetime);
            return new AccessTokens.Token(value, Duration.ofSeconds(lifetime));
        } catch (IOException e) {
            throw TaskException.retryable("Spotify's token answer is not JSON", e);
        }
    }

    /** The OAuth error of a token answer, {@code {"error","error_description"}}, as ": error (description)". */
    private static String oauthError(byte[] body) {
        try {
            JsonNode error = MAPPER.readTree(body);
            String code = error.path("error").asText("");
            String description = error.path("error_description").asText("");
            if (code.isEmpty()) {
                return "";
            }
            return ": " + code + (description.isEmpty() ? "" : " (" + description + ")");
        } catch (IOException e) {
            return "";
        }
    }
}
