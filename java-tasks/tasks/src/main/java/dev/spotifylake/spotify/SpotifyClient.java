package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
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
public final class SpotifyClient {
    private static final Logger log = LoggerFactory.getLogger(SpotifyClient.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SpotifyClientSettings settings;
    private final Transport transport;
    private final RateLimiter limiter;
    private final TimeSource time;
    private final Backoff backoff;
    private final AccessTokens tokens;
    private final ClientStats stats = new ClientStats();

    public SpotifyClient(SpotifyClientSettings settings, Transport transport, RateLimiter limiter, TimeSource time,
            DoubleSupplier random) {
        this.settings = requireNonNull(settings, "settings is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.time = requireNonNull(time, "time is null");
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffCap(), random);
        this.tokens = new AccessTokens(this::fetchToken, time);
    }

    /**
     * GETs {@code relative} (e.g. {@code artists/ID/top-tracks?market=US}) under the API root. Answers a 2xx with
     * a well-formed JSON body, or any status a retry cannot change (400, 403, 404, ...), for the caller to record.
     *
     * @throws RetriesExhaustedException when 429, 5xx, 401 or I/O errors outlast the attempts
     * @throws TaskException (exit 1) when Spotify asks to wait longer than the configured maximum
     */
    public ApiResponse get(String relative) throws InterruptedException, RetriesExhaustedException {
        URI uri = settings.api(relative);
        String path = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        Transport.Response response = exchange(new Call() {
            private AccessTokens.Current token;

            @Override
            public Transport.Response send() throws IOException, InterruptedException {
                stats.waited(limiter.acquire());
                token = tokens.current();
                stats.sent();
                return transport.send(Transport.Request.get(uri,
                        Map.of("Authorization", "Bearer " + token.value(), "Accept", "application/json")));
            }

            @Override
            public boolean refreshAfterUnauthorized() {
                stats.unauthorized();
                log.debug("401 for {}: fetching a new token", path);
                tokens.invalidate(token);
                return true;
            }

            @Override
            public void throttled(long waitNanos) {
                stats.throttled();
                limiter.pauseFor(waitNanos);
            }
        }, "GET " + path);
        return new ApiResponse(path, response.status(), response.body(), time.now());
    }

    /**
     * Fetches the token the next requests will use: a refused client secret fails here (exit 2), before the
     * caller has written anything.
     */
    public void checkCredentials() throws InterruptedException {
        tokens.current();
    }

    public ClientStats stats() {
        return stats;
    }

    /** One kind of request and how it reacts to 401 and 429. */
    private interface Call {
        Transport.Response send() throws IOException, InterruptedException;

        /** Answers whether a 401 may be retried (with a new token). */
        boolean refreshAfterUnauthorized();

        /** Spotify said to wait {@code waitNanos} before the next request. */
        void throttled(long waitNanos) throws InterruptedException;
    }

    private Transport.Response exchange(Call call, String what) throws InterruptedException, RetriesExhaustedException {
        int lastStatus = 0;
        String lastOutcome = "no answer";
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                stats.retried();
            }
            Transport.Response response;
            try {
                response = call.send();
            } catch (IOException e) {
                stats.ioError();
                lastStatus = 0;
                lastOutcome = "I/O error: " + describe(e);
                backOff(attempt, what, lastOutcome);
                continue;
            }
            int status = response.status();
            lastStatus = status;
            lastOutcome = "HTTP " + status;
            if (status == 429) {
                long wait = retryAfterNanos(response).orElse(backoff.delayNanos(attempt));
                if (wait > settings.maxRetryWait().toNanos()) {
                    throw TaskException.retryable("Spotify asked to wait " + (wait / 1_000_000_000L) + " s before the next "
                            + "request (" + what + "), more than --max-retry-wait (" + settings.maxRetryWait().toSeconds()
                            + " s): giving up so that Airflow retries the task later");
                }
                log.debug("429 for {}: pausing every request for {} ms", what, wait / 1_000_000);
                call.throttled(wait);
                continue;
            }
            if (status == 401 && call.refreshAfterUnauthorized()) {
                continue;
            }
            if (status >= 500) {
                stats.serverError();
                backOff(attempt, what, lastOutcome);
                continue;
            }
            if (status / 100 == 2 && !isOneJsonValue(response.body())) {
                lastOutcome = "HTTP " + status + " with a body that is not one JSON value";
                backOff(attempt, what, lastOutcome);
                continue;
            }
            return response;
        }
        throw new RetriesExhaustedException(what, settings.maxAttempts(), lastStatus, lastOutcome);
    }

    private void backOff(int attempt, String what, String outcome) throws InterruptedException {
        if (attempt < settings.maxAttempts()) {
            long wait = backoff.delayNanos(attempt);
            log.debug("{} for {}: retry {} in {} ms", outcome, what, attempt, wait / 1_000_000);
            stats.waited(wait);
            time.sleepNanos(wait);
        }
    }

    /** Retry-After in seconds, as Spotify sends it; absent, unparsable or zero means "back off as usual". */
    private static Optional<Long> retryAfterNanos(Transport.Response response) {
        try {
            return response.header("retry-after")
                    .map(value -> Long.parseLong(value.strip()))
                    .filter(seconds -> seconds > 0)
                    .map(seconds -> Math.multiplyExact(seconds, 1_000_000_000L));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A cut connection can leave a 200 with half a body: that is a failed attempt, not data. */
    private static boolean isOneJsonValue(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private AccessTokens.Token fetchToken() throws InterruptedException {
        URI endpoint = settings.tokenEndpoint();
        String basic = Base64.getEncoder().encodeToString(
                (settings.clientId() + ":" + settings.clientSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        Transport.Response response;
        try {
            response = exchange(new Call() {
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

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
