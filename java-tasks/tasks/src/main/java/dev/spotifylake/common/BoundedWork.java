package dev.spotifylake.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pieces of work run on a fixed number of threads, at most that many at once: a caller that submits more waits for
 * a free thread, so a producer holds a bounded amount of work in memory. The first failure of a piece (an Error as
 * a {@link TaskException}) stops the others and is kept: later submissions and {@link #awaitAll()} throw it. {@link #stop()} interrupts
 * what runs and drops what waits. The one way the tasks run bounded work: flatten's groups, fetch's calls,
 * DynamoDB's requests, reprocess's days.
 */
public final class BoundedWork implements AutoCloseable {
    private final String name;
    private final int threads;
    private final Semaphore free;
    private final ExecutorService pool;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public BoundedWork(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread, got " + threads);
        }
        this.name = name;
        this.threads = threads;
        this.free = new Semaphore(threads);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the piece as soon as a thread is free; answers false if the work was stopped meanwhile. */
    public boolean submit(Runnable piece) {
        acquire(1);
        if (failure.get() != null) {
            free.release();
            throwFailure();
        }
        try {
            pool.execute(() -> {
                try {
                    piece.run();
                } catch (RuntimeException e) {
                    fail(e);
                } catch (Error e) {
                    fail(TaskException.fromError(e));
                } finally {
                    free.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            free.release();
            return false;
        }
    }

    /** Waits until every piece submitted is done; throws the first failure. */
    public void awaitAll() {
        acquire(threads);
        free.release(threads);
        throwFailure();
    }

    /** Interrupts the pieces that run and drops those not started: {@link #submit} refuses from now on. */
    public void stop() {
        free.release(pool.shutdownNow().size());
    }

    @Override
    public void close() {
        stop();
    }

    /** The first failure stops the rest: the run is lost, and a retry starts it again. */
    private void fail(RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
            stop();
        }
    }

    private void acquire(int permits) {
        try {
            free.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskException.retryable("interrupted while waiting for " + name, e);
        }
    }

    private void throwFailure() {
        RuntimeException first = failure.get();
        if (first != null) {
            throw first;
        }
    }
}
