package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The cached client-credentials token. Fetched on first use, fetched again a little before it expires, and
 * whenever the API answers 401 to it. Concurrent callers share one fetch: while one thread fetches, the others
 * wait for its token rather than asking for their own.
 */
public final class AccessTokens {
    /** Refresh this long before expiry (capped at a tenth of the lifetime, for short-lived test tokens). */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /** Asks the accounts service for a new token. */
    public interface Fetcher {
        Token fetch() throws InterruptedException;
    }

    /** A token as the accounts service issued it. */
    public record Token(String value, Duration lifetime) {
        public Token {
            requireNonNull(value, "value is null");
            requireNonNull(lifetime, "lifetime is null");
        }

        @Override
        public String toString() {
            return "Token[***, lifetime=" + lifetime + "]";
        }
    }

    /** The token to send, with the generation it belongs to so that a 401 invalidates only that one. */
    public record Current(String value, long generation) {
        @Override
        public String toString() {
            return "Current[***, generation=" + generation + "]";
        }
    }

    private final Fetcher fetcher;
    private final TimeSource time;

    private Current current;
    private long refreshAt;
    private long generation;

    public AccessTokens(Fetcher fetcher, TimeSource time) {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.time = requireNonNull(time, "time is null");
    }

    /** A token that is not about to expire, fetching one if needed. */
    public synchronized Current current() throws InterruptedException {
        if (current == null || time.nanoTime() - refreshAt >= 0) {
            long fetchedAt = time.nanoTime();
            Token token = fetcher.fetch();
            long lifetime = token.lifetime().toNanos();
            long margin = Math.min(REFRESH_MARGIN.toNanos(), lifetime / 10);
            generation++;
            current = new Current(token.value(), generation);
            refreshAt = fetchedAt + lifetime - margin;
        }
        return current;
    }

    /** The API refused this token (401): the next {@link #current()} fetches a new one, unless one already did. */
    public synchronized void invalidate(Current refused) {
        if (current != null && current.generation() == refused.generation()) {
            current = null;
        }
    }
}
