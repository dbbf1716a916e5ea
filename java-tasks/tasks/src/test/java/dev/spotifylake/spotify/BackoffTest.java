package dev.spotifylake.spotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theWaitDoublesWithEachRetryUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999_999_999);

        assertThat(backoff.delayNanos(1)).isCloseTo(SECOND, withinOneMicro());
        assertThat(backoff.delayNanos(2)).isCloseTo(2 * SECOND, withinOneMicro());
        assertThat(backoff.delayNanos(4)).isCloseTo(8 * SECOND, withinOneMicro());
        assertThat(backoff.delayNanos(5)).isCloseTo(10 * SECOND, withinOneMicro());
        assertThat(backoff.delayNanos(200)).isCloseTo(10 * SECOND, withinOneMicro());
    }

    @Test
    void jitterKeepsEveryWaitBetweenHalfAndAllOfItsCeiling() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);

        assertThat(lowest.delayNanos(1)).isEqualTo(SECOND / 2);
        assertThat(lowest.delayNanos(3)).isEqualTo(2 * SECOND);
    }

    private static org.assertj.core.data.Offset<Long> withinOneMicro() {
        return org.assertj.core.data.Offset.offset(1_000L);
    }
}
