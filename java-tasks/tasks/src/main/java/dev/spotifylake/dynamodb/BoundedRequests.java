package dev.spotifylake.dynamodb;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import dev.spotifylake.common.TaskException;

/**
 * Runs requests on a fixed number of threads with at most that many in flight: a caller that submits more waits
 * for a free slot, so a large load holds a bounded number of batches in memory. The first failure stops the
 * run: later submissions and {@link #awaitAll()} throw it.
 */
final class BoundedRequests implements AutoCloseable {
    private final int inFlight;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    BoundedRequests(int inFlight) {
        if (inFlight < 1) {
            throw TaskException.notRetryable("--max-in-flight must be at least 1, got " + inFlight);
        }
        this.inFlight = inFlight;
        this.slots = new Semaphore(inFlight);
        this.threads = Executors.newFixedThreadPool(inFlight, runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-request");
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(Runnable request) {
        acquire(1);
        if (failure.get() != null) {
            slots.release();
            throwFailure();
        }
        threads.execute(() -> {
            try {
                request.run();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } catch (Error e) {
                failure.compareAndSet(null, TaskException.fromError(e));
            } finally {
                slots.release();
            }
        });
    }

    /** Waits until every submitted request is done; throws the first failure. */
    void awaitAll() {
        acquire(inFlight);
        slots.release(inFlight);
        throwFailure();
    }

    private void acquire(int permits) {
        try {
            slots.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskException.retryable("interrupted while waiting for DynamoDB requests", e);
        }
    }

    private void throwFailure() {
        RuntimeException first = failure.get();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
