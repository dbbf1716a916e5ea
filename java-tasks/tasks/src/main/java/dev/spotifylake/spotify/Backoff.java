package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of {@code base * 2^(n-1)}, capped.
 * The jitter keeps concurrent requests that failed together from coming back together.
 */
public final class Backoff {
    private final long baseNanos;
    private final long capNanos;
    private final DoubleSupplier random;

    /** {@code random} answers values in [0, 1): {@code Math::random} in the task, a fixed value in tests. */
    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.random = requireNonNull(random, "random is null");
        if (baseNanos <= 0 || capNanos < baseNanos) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry), in nanoseconds. */
    public long delayNanos(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 40);
        long ceiling = baseNanos << doublings;
        if (ceiling <= 0 || ceiling > capNanos) {
            ceiling = capNanos;
        }
        return (long) (ceiling * (0.5 + 0.5 * random.getAsDouble()));
    }
}
