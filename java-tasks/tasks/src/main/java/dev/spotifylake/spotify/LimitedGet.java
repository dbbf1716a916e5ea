package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * One GET to an API as both clients send it: each attempt waits its turn at the client's rate limiter, and a 429
 * pauses that limiter, so every thread of the task waits out the Retry-After. A client says which headers an
 * attempt carries, and whether a 401 may be retried.
 */
public abstract class LimitedGet implements RetryPolicy.Attempt {
    private final URI uri;
    private final Transport transport;
    private final RateLimiter limiter;
    private final ClientStats stats;

    protected LimitedGet(URI uri, Transport transport, RateLimiter limiter, ClientStats stats) {
        this.uri = requireNonNull(uri, "uri is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.stats = requireNonNull(stats, "stats is null");
    }

    /** The headers of the next attempt, asked once its turn has come (a token fetched then is fresh). */
    protected abstract Map<String, String> headers() throws InterruptedException;

    @Override
    public final Transport.Response send() throws IOException, InterruptedException {
        stats.waited(limiter.acquire());
        Map<String, String> headers = headers();
        stats.sent();
        return transport.send(Transport.Request.get(uri, headers));
    }

    @Override
    public boolean refreshAfterUnauthorized() {
        return false;
    }

    @Override
    public final void throttled(long waitNanos) {
        stats.throttled();
        limiter.pauseFor(waitNanos);
    }
}
