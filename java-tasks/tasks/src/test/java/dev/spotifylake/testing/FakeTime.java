package dev.spotifylake.testing;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.spotifylake.spotify.TimeSource;

/** A clock that only moves when someone sleeps on it (or a test advances it): waits cost no real time. */
public final class FakeTime implements TimeSource {
    private static final Instant EPOCH = Instant.parse("2026-11-20T08:00:00Z");

    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanos.get());
    }

    @Override
    public void sleepNanos(long duration) {
        if (duration > 0) {
            nanos.addAndGet(duration);
        }
    }

    public void advanceSeconds(double seconds) {
        nanos.addAndGet((long) (seconds * 1e9));
    }

    public double seconds() {
        return nanos.get() / 1e9;
    }
}
