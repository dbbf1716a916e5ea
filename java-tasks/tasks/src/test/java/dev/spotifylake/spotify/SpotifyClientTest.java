package dev.spotifylake.spotify;

import static dev.spotifylake.spotify.ScriptedTransport.Answer.ioError;
import static dev.spotifylake.spotify.ScriptedTransport.Answer.ok;
import static dev.spotifylake.spotify.ScriptedTransport.Answer.status;
import static dev.spotifylake.spotify.ScriptedTransport.Answer.tooManyRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.Secret;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.testing.FakeTime;

class SpotifyClientTest {
    private static final String SECRET = "the-client-secret";
    private static final String PATH = "artists/0TnOYISbd1XYRBk9myaseg/top-tracks?market=US";

    private final FakeTime time = new FakeTime();

    @Test
    void anAnswerComesBackWithWhatWasAskedAndWhenItArrived() throws Exception {
        ScriptedTransport transport = transport(ok("{\"tracks\":[]}"));
        time.advanceSeconds(1.5);

        ApiResponse response = client(transport).get(PATH);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.path()).isEqualTo("/v1/artists/0TnOYISbd1XYRBk9myaseg/top-tracks?market=US");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"tracks\":[]}");
        assertThat(response.receivedAt()).isEqualTo("2026-11-20T08:00:01.500Z");
        assertThat(transport.apiRequests().get(0).authorization()).isEqualTo("Bearer token-1");
    }

    @Test
    void serverErrorsAndIoErrorsAreRetriedWithGrowingWaits() throws Exception {
        ScriptedTransport transport = transport(status(503), ioError(), status(502), ok("{}"));

        ApiResponse response = client(transport).get(PATH);

        assertThat(response.status()).isEqualTo(200);
        assertThat(transport.apiRequests()).extracting(ScriptedTransport.Sent::atSeconds)
                .containsExactly(0.0, 0.5, 1.5, 3.5);
    }

    @Test
    void aRetryAfterHoldsEveryRequestBackForThatLong() throws Exception {
        ScriptedTransport transport = transport(tooManyRequests(7), ok("{}"), ok("{}"));
        SpotifyClient client = client(transport);

        client.get(PATH);
        client.get(PATH);

        assertThat(transport.apiRequests()).extracting(ScriptedTransport.Sent::atSeconds)
                .containsExactly(0.0, 7.0, 7.0);
        assertThat(client.stats().throttledAnswers()).isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanTheMaximumWaitFailsTheTaskSayingHowLong() {
        ScriptedTransport transport = transport(tooManyRequests(3600));

        assertThatThrownBy(() -> client(transport).get(PATH))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageContaining("Spotify asked to wait 3600 s")
                .hasMessageContaining("--max-retry-wait (120 s)");
        assertThat(time.seconds()).isZero();
    }

    @Test
    void a401FetchesANewTokenAndRetriesAtOnce() throws Exception {
        ScriptedTransport transport = transport(status(401), ok("{}"));

        client(transport).get(PATH);

        assertThat(transport.apiRequests()).extracting(ScriptedTransport.Sent::authorization)
                .containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(time.seconds()).isZero();
    }

    @Test
    void anExpiredTokenIsReplacedBeforeTheNextRequest() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(time, 10, ok("{}"), ok("{}"));
        SpotifyClient client = client(transport);

        client.get(PATH);
        time.advanceSeconds(20);
        client.get(PATH);

        assertThat(transport.apiRequests()).extracting(ScriptedTransport.Sent::authorization)
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void answersThatARetryCannotChangeComeBackAtOnce() throws Exception {
        for (int status : new int[] {400, 403, 404}) {
            ScriptedTransport transport = transport(status(status));

            assertThat(client(transport).get(PATH).status()).isEqualTo(status);
            assertThat(transport.apiRequests()).hasSize(1);
        }
    }

    @Test
    void aRequestGivesUpAfterItsAttemptsWithTheLastStatus() {
        ScriptedTransport transport = transport(status(503), status(503), status(503), status(503), ok("{}"));

        assertThatThrownBy(() -> client(transport).get(PATH))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> assertThat(e.lastStatus()).isEqualTo(503))
                .hasMessageContaining("after 4 attempts, last: HTTP 503");
        assertThat(transport.apiRequests()).hasSize(4);
    }

    @Test
    void aTruncatedBodyIsAFailedAttempt() throws Exception {
        ScriptedTransport transport = transport(ok("{\"tracks\":[{\"id\":"), ok("{\"tracks\":[]}"));

        assertThat(client(transport).get(PATH).status()).isEqualTo(200);
        assertThat(transport.apiRequests()).hasSize(2);
    }

    @Test
    void oneTokenServesManyRequests() throws Exception {
        ScriptedTransport transport = transport();
        SpotifyClient client = client(transport);

        for (int i = 0; i < 50; i++) {
            client.get(PATH);
        }

        assertThat(transport.tokensIssued()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsFailTheTaskWithoutRetryAndWithoutTheSecret() {
        ScriptedTransport transport = transport().answeringTokenRequestsWith(request -> new Transport.Response(400, Map.of(),
                "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret\"}".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> client(transport).get(PATH))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("invalid_client (Invalid client secret)")
                .hasMessageContaining("SPOTIFY_CLIENT_SECRET")
                .hasMessageNotContaining(SECRET);
        assertThat(transport.apiRequests()).isEmpty();
    }

    @Test
    void theTokenRequestSendsTheCredentialsAsHttpBasic() throws Exception {
        StringBuilder authorization = new StringBuilder();
        ScriptedTransport transport = transport().answeringTokenRequestsWith(request -> {
            authorization.append(request.headers().get("Authorization"));
            return new Transport.Response(200, Map.of(),
                    "{\"access_token\":\"t\",\"expires_in\":3600}".getBytes(StandardCharsets.UTF_8));
        });

        client(transport).get(PATH);

        assertThat(authorization.toString()).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString(("client-id:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLimiterSpacesRequestsOfAllCallers() throws Exception {
        ScriptedTransport transport = transport();
        SpotifyClient client = new SpotifyClient(settings(), transport, RateLimiter.perWindow(31, Duration.ofSeconds(30), 1, time),
                time, () -> 0.5);

        for (int i = 0; i < 3; i++) {
            client.get(PATH);
        }

        assertThat(transport.apiRequests()).extracting(ScriptedTransport.Sent::atSeconds).containsExactly(0.0, 1.0, 2.0);
    }

    private ScriptedTransport transport(ScriptedTransport.Answer... script) {
        return new ScriptedTransport(time, 3600, script);
    }

    private SpotifyClient client(ScriptedTransport transport) {
        // random 0: each backoff takes half its ceiling, so the waits are exact
        return new SpotifyClient(settings(), transport, RateLimiter.unlimited(time), time, () -> 0.0);
    }

    private static SpotifyClientSettings settings() {
        return new SpotifyClientSettings(URI.create("http://spotify.test/v1"), URI.create("http://spotify.test"),
                "client-id", new Secret(SECRET), 4, Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
