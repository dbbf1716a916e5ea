package dev.spotifylake.spotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.FakeTime;

class AccessTokensTest {
    private final FakeTime time = new FakeTime();
    private int fetches;
    private final AccessTokens tokens = new AccessTokens(
            () -> new AccessTokens.Token("token-" + ++fetches, Duration.ofSeconds(3600)), time);

    @Test
    void oneTokenServesEveryRequestUntilItIsAboutToExpire() throws InterruptedException {
        tokens.current();
        time.advanceSeconds(3500);

        assertThat(tokens.current().value()).isEqualTo("token-1");
        assertThat(fetches).isEqualTo(1);
    }

    @Test
    void aTokenIsRefreshedAMinuteBeforeItExpires() throws InterruptedException {
        tokens.current();
        time.advanceSeconds(3541);

        assertThat(tokens.current().value()).isEqualTo("token-2");
    }

    @Test
    void aShortLivedTokenIsRefreshedATenthOfItsLifetimeEarly() throws InterruptedException {
        AccessTokens shortLived = new AccessTokens(() -> new AccessTokens.Token("t" + ++fetches, Duration.ofSeconds(10)), time);
        shortLived.current();
        time.advanceSeconds(8.9);
        assertThat(shortLived.current().value()).isEqualTo("t1");

        time.advanceSeconds(0.2);
        assertThat(shortLived.current().value()).isEqualTo("t2");
    }

    @Test
    void aRefusedTokenIsReplaced() throws InterruptedException {
        AccessTokens.Current refused = tokens.current();

        tokens.invalidate(refused);

        assertThat(tokens.current().value()).isEqualTo("token-2");
    }

    @Test
    void threadsRefusedTheSameTokenShareOneNewToken() throws InterruptedException {
        AccessTokens.Current refused = tokens.current();

        tokens.invalidate(refused);
        tokens.current();
        tokens.invalidate(refused);

        assertThat(tokens.current().value()).isEqualTo("token-2");
    }

    @Test
    void aTokenNeverShowsItsValueInLogs() throws InterruptedException {
        assertThat(tokens.current().toString()).doesNotContain("token-1");
        assertThat(new AccessTokens.Token("secret-token", Duration.ofSeconds(1)).toString()).doesNotContain("secret-token");
    }
}
