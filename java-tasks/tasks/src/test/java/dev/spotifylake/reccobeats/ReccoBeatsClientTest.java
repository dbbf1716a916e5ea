package dev.spotifylake.reccobeats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.spotify.ApiResponse;
import dev.spotifylake.spotify.RateLimiter;
import dev.spotifylake.spotify.RetriesExhaustedException;
import dev.spotifylake.spotify.RetrySettings;
import dev.spotifylake.spotify.Transport;
import dev.spotifylake.testing.FakeTime;

class ReccoBeatsClientTest {
    private static final String PATH = "audio-features?ids=0eGsygTp906u18L0Oimnem";

    private final FakeTime time = new FakeTime();
    private final List<Transport.Request> sent = new ArrayList<>();
    private final List<Double> sentAt = new ArrayList<>();
    private final List<Object> script = new ArrayList<>();

    @Test
    void everyRequestNamesSpotifyLakeAndItsVersionAndGoesUnderTheApiRoot() throws Exception {
        script.add(answer(200, Map.of(), "{\"content\":[]}"));

        ApiResponse response = client(4).get(PATH);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.path()).isEqualTo("/v1/audio-features?ids=0eGsygTp906u18L0Oimnem");
        assertThat(sent.get(0).uri()).isEqualTo(URI.create("http://reccobeats.test/v1/" + PATH));
        assertThat(sent.get(0).headers()).containsEntry("User-Agent", ReccoBeatsSettings.userAgent("1.2.3"))
                .doesNotContainKey("Authorization");
        assertThat(ReccoBeatsSettings.userAgent("1.2.3")).startsWith("spotify-lake/1.2.3 ");
    }

    @Test
    void aRetryAfterHoldsTheRequestsBackForThatLongAndTooLongAWaitFailsTheTaskForALaterRetry() throws Exception {
        script.add(answer(429, Map.of("retry-after", "7"), "{\"status\":4291,\"error\":\"Too many requests\"}"));
        script.add(answer(200, Map.of(), "{\"content\":[]}"));
        ReccoBeatsClient client = client(4);

        client.get(PATH);

        assertThat(sentAt).containsExactly(0.0, 7.0);
        assertThat(client.stats().throttledAnswers()).isEqualTo(1);

        script.add(answer(429, Map.of("retry-after", "3600"), ""));
        assertThatThrownBy(() -> client.get(PATH))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageContaining("ReccoBeats asked to wait 3600 s").hasMessageContaining("--max-retry-wait");
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetriedUntilTheAttemptsRunOut() throws Exception {
        script.add(answer(500, Map.of(), "{\"status\":5001,\"error\":\"Internal\"}"));
        script.add(new IOException("connection reset"));
        script.add(answer(200, Map.of(), "{\"content\":[]}"));

        assertThat(client(4).get(PATH).status()).isEqualTo(200);
        assertThat(sent).hasSize(3);

        script.add(answer(503, Map.of(), ""));
        script.add(answer(503, Map.of(), ""));
        assertThatThrownBy(() -> client(2).get(PATH)).isInstanceOf(RetriesExhaustedException.class)
                .hasMessageContaining("still failed after 2 attempts, last: HTTP 503");
    }

    @Test
    void itsErrorBodiesBecomeOneLine() throws Exception {
        ReccoBeatsClient client = client(1);

        assertThat(client.reason(response(400, "{\"timestamp\":\"2026-11-20T08:00:00.000+00:00\",\"error\":\"Number of "
                + "ids must be less than or equal to 40\",\"path\":\"uri=/v1/audio-features\",\"status\":4002}")))
                .isEqualTo("HTTP 400 (ReccoBeats code 4002): Number of ids must be less than or equal to 40");
        assertThat(client.reason(response(400, "{\"status\":4004,\"errors\":[{\"path\":\"size\",\"message\":\"must be "
                + "less than or equal to 50\"},{\"path\":\"page\",\"message\":\"must be at least 0\"}]}")))
                .isEqualTo("HTTP 400 (ReccoBeats code 4004): size: must be less than or equal to 50; page: must be at least 0");
        assertThat(client.reason(response(404, "<html>not found</html>"))).isEqualTo("HTTP 404");
    }

    private ReccoBeatsClient client(int attempts) {
        ReccoBeatsSettings settings = new ReccoBeatsSettings(URI.create("http://reccobeats.test/v1/"),
                ReccoBeatsSettings.userAgent("1.2.3"),
                new RetrySettings(attempts, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(30)));
        Transport transport = request -> {
            sent.add(request);
            sentAt.add(time.seconds());
            Object next = script.remove(0);
            if (next instanceof IOException e) {
                throw e;
            }
            return (Transport.Response) next;
        };
        return new ReccoBeatsClient(settings, transport, RateLimiter.unlimited(time), time, () -> 0.0);
    }

    private static Transport.Response answer(int status, Map<String, String> headers, String body) {
        return new Transport.Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiResponse response(int status, String body) {
        return new ApiResponse("/v1/x", status, body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }
}
