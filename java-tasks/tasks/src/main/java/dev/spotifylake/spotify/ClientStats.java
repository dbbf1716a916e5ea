package dev.spotifylake.spotify;

import java.util.concurrent.atomic.AtomicLong;

/** What the client did so far, for progress logs and the task summary. Thread-safe. */
public final class ClientStats {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong waitNanos = new AtomicLong();

    public void sent() {
        requests.incrementAndGet();
    }

    public void retried() {
        retries.incrementAndGet();
    }

    public void throttled() {
        throttled.incrementAndGet();
    }

    public void serverError() {
        serverErrors.incrementAndGet();
    }

    public void ioError() {
        ioErrors.incrementAndGet();
    }

    public void unauthorized() {
        unauthorized.incrementAndGet();
    }

    /** Time a request spent held back: by the rate limit, a Retry-After pause or a backoff. */
    public void waited(long nanos) {
        if (nanos > 0) {
            waitNanos.addAndGet(nanos);
        }
    }

    /** HTTP requests sent to the Web API (the token endpoint not counted). */
    public long requests() {
        return requests.get();
    }

    public long retries() {
        return retries.get();
    }

    /** 429 answers. */
    public long throttledAnswers() {
        return throttled.get();
    }

    public long serverErrors() {
        return serverErrors.get();
    }

    public long ioErrors() {
        return ioErrors.get();
    }

    public long unauthorizedAnswers() {
        return unauthorized.get();
    }

    /** Seconds requests spent waiting, added over all threads. */
    public double waitSeconds() {
        return waitNanos.get() / 1e9;
    }
}
