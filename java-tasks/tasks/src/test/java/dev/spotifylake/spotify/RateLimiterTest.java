package dev.spotifylake.spotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.FakeTime;

class RateLimiterTest {
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final FakeTime time = new FakeTime();

    @Test
    void noWindowOfThirtySecondsEverHoldsMoreThanTheLimit() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perWindow(100, WINDOW, 5, time);

        List<Double> sent = acquire(limiter, 1_000);

        for (int i = 0; i + 100 < sent.size(); i++) {
            assertThat(sent.get(i + 100) - sent.get(i)).as("101 requests starting with #%d", i)
                    .isGreaterThanOrEqualTo(30.0);
        }
    }

    @Test
    void theSteadyRateIsAlmostTheWholeLimit() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perWindow(100, WINDOW, 5, time);

        acquire(limiter, 1_000);

        double perSecond = 1_000 / time.seconds();
        assertThat(perSecond / (100 / 30.0)).isBetween(0.94, 1.0);
    }

    @Test
    void requestsAreSpacedEvenlyAfterTheBurst() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perWindow(31, WINDOW, 1, time);

        List<Double> sent = acquire(limiter, 4);

        assertThat(sent).containsExactly(0.0, 1.0, 2.0, 3.0);
    }

    @Test
    void aBurstGoesOutAtOnceAfterAQuietSpell() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perWindow(33, WINDOW, 3, time);
        acquire(limiter, 10);
        time.advanceSeconds(60);
        double quietEnd = time.seconds();

        List<Double> sent = acquire(limiter, 4);

        assertThat(sent.subList(0, 3)).containsOnly(quietEnd);
        assertThat(sent.get(3)).isEqualTo(quietEnd + 1.0);
    }

    @Test
    void aPauseHoldsBackEveryRequestUntilItEnds() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perWindow(300, WINDOW, 1, time);
        acquire(limiter, 1);

        limiter.pauseFor(Duration.ofSeconds(7).toNanos());
        List<Double> sent = acquire(limiter, 2);

        assertThat(sent.get(0)).isGreaterThanOrEqualTo(7.0);
        assertThat(sent.get(1)).isGreaterThan(sent.get(0));
    }

    @Test
    void aShorterPauseDoesNotShortenALongerOne() throws InterruptedException {
        RateLimiter limiter = RateLimiter.unlimited(time);

        limiter.pauseFor(Duration.ofSeconds(10).toNanos());
        limiter.pauseFor(Duration.ofSeconds(2).toNanos());

        assertThat(acquire(limiter, 1)).containsExactly(10.0);
    }

    @Test
    void withoutALimitOnlyPausesWait() throws InterruptedException {
        RateLimiter limiter = RateLimiter.unlimited(time);

        assertThat(acquire(limiter, 1_000)).containsOnly(0.0);
    }

    @Test
    void aLimitNoLargerThanItsBurstIsRefused() {
        assertThatThrownBy(() -> RateLimiter.perWindow(3, WINDOW, 3, time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more requests than its burst");
    }

    @Test
    void acquireAnswersHowLongItWaited() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perWindow(31, WINDOW, 1, time);
        limiter.acquire();

        assertThat(limiter.acquire()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    private List<Double> acquire(RateLimiter limiter, int count) throws InterruptedException {
        List<Double> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            limiter.acquire();
            sent.add(time.seconds());
        }
        return sent;
    }
}
