package dev.spotifylake.testing;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.spotifylake.lake.ObjectStore;

/**
 * A lake whose task stops before its first change (put, copy or delete) of a key the test chose, until the test
 * lets it go on: two runs are interleaved at exactly that point, not by timing. Reads go through.
 */
public final class HeldObjectStore extends ChangeWatchingObjectStore {
    private final Predicate<String> held;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    public HeldObjectStore(ObjectStore lake, Predicate<String> held) {
        super(lake);
        this.held = held;
    }

    /** Waits until the task stands before the held change. */
    public void awaitHeld() throws InterruptedException {
        if (!reached.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the task never reached the held change");
        }
    }

    /** Lets the task make the held change and go on. */
    public void release() {
        released.countDown();
    }

    @Override
    protected void beforeChange(List<String> keys) {
        if (keys.stream().noneMatch(held) || !firstToArrive()) {
            return;
        }
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the held change of " + keys);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized boolean firstToArrive() {
        if (reached.getCount() == 0) {
            return false;
        }
        reached.countDown();
        return true;
    }
}
