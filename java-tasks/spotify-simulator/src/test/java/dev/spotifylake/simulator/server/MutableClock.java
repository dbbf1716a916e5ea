package dev.spotifylake.simulator.server;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand: token expiry and the rate window follow it. */
final class MutableClock implements InstantSource {
    private volatile long millis;

    MutableClock(long startMillis) {
        this.millis = startMillis;
    }

    void advance(Duration duration) {
        millis += duration.toMillis();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
