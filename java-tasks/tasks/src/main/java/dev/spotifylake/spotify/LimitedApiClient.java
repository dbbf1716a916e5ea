package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * What both API clients share: every GET attempt waits its turn at the client's own rate limiter, shared by the
 * task's threads, and goes through the {@link RetryPolicy}; a 429 pauses that limiter, so every thread waits out
 * the Retry-After. A client says which headers an attempt carries, and whether a 401 may be retried.
 */
public abstract class LimitedApiClient implements ApiClient {
    protected final Transport transport;
    protected final TimeSource time;
    protected final RetryPolicy retries;
    private final RateLimiter limiter;
    private final ClientStats stats = new ClientStats();

    /** {@code api} names the API in messages ("Spotify"); {@code random} gives the backoff's jitter. */
    protected LimitedApiClient(String api, RetrySettings retrySettings, Transport transport, RateLimiter limiter,
            TimeSource time, DoubleSupplier random) {
        this.transport = requireNonNull(transport, "transport is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.time = requireNonNull(time, "time is null");
        this.retries = new RetryPolicy(api, retrySettings, time, random, stats);
    }

    /** The headers of a GET's attempts. */
    protected interface Headers {
        /** The headers of the next attempt, asked once its turn has come (a token fetched then is fresh). */
        Map<String, String> next() throws InterruptedException;

        /** After a 401: whether another attempt may be let in (with a new token). */
        default boolean refreshAfterUnauthorized() {
            return false;
        }
    }

    /** GETs {@code uri} until an answer retrying cannot change. */
    protected final ApiResponse get(URI uri, Headers headers) throws InterruptedException, RetriesExhaustedException {
        String path = ApiResponse.pathOf(uri);
        Transport.Response response = retries.exchange(new RetryPolicy.Attempt() {
            @Override
            public Transport.Response send() throws IOException, InterruptedException {
                stats.waited(limiter.acquire());
                Map<String, String> attemptHeaders = headers.next();
                stats.sent();
                return transport.send(Transport.Request.get(uri, attemptHeaders));
            }

            @Override
            public boolean refreshAfterUnauthorized() {
                return headers.refreshAfterUnauthorized();
            }

            @Override
            public void throttled(long waitNanos) {
                stats.throttled();
                limiter.pauseFor(waitNanos);
            }
        }, "GET " + path);
        return new ApiResponse(path, response.status(), response.body(), time.now());
    }

    @Override
    public final ClientStats stats() {
        return stats;
    }
}
