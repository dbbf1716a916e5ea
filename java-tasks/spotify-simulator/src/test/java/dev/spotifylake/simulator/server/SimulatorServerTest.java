package dev.spotifylake.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.simulator.catalog.SpotifyJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over HTTP, in-process on a free port, with a clock the tests move. */
class SimulatorServerTest {
    private static final MutableClock clock = new MutableClock(1_800_000_000_000L);
    private static SimulatorServer server;
    private static TestClient client;
    private static Catalog catalog;
    private static String artist;

    private String token;

    @BeforeAll
    static void start() throws IOException {
        server = SimulatorServer.start(TestClient.config(SimulatorSettings.DEFAULTS), clock);
        client = new TestClient(server.baseUri());
        catalog = server.catalog();
        artist = catalog.artistId(7);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void resetAndTakeAToken() {
        client.admin("reset", null);
        token = client.token();
    }

    @Test
    void theHealthCheckNamesTheCatalog() {
        HttpResponse<String> health = client.getRaw("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(health.body()).get("artists").asInt()).isEqualTo(1000);
    }

    @Test
    void aTokenIsGrantedToTheRightClientWithItsLifetime() {
        client.admin("config", "{\"token_lifetime_s\": 120}");

        HttpResponse<String> response = client.requestToken(TestClient.basic(TestClient.CLIENT_ID,
                TestClient.CLIENT_SECRET), "grant_type=client_credentials");

        JsonNode body = TestClient.json(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(120);
        assertThat(body.get("access_token").asText()).startsWith("BQ").hasSizeGreaterThan(60);
    }

    @Test
    void theCredentialsMayAlsoComeInTheForm() {
        HttpResponse<String> response = client.requestToken(null, "grant_type=client_credentials&client_id="
                + TestClient.CLIENT_ID + "&client_secret=" + TestClient.CLIENT_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongClientGetsInvalidClient() {
        HttpResponse<String> wrongId = client.requestToken(TestClient.basic("someone-else", TestClient.CLIENT_SECRET),
                "grant_type=client_credentials");
        HttpResponse<String> wrongSecret = client.requestToken(TestClient.basic(TestClient.CLIENT_ID, "guess"),
                "grant_type=client_credentials");
        HttpResponse<String> none = client.requestToken(null, "grant_type=client_credentials");

        assertThat(wrongId.statusCode()).isEqualTo(400);
        assertThat(wrongId.body()).isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(wrongSecret.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(none.body()).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aTokenRequestWithoutTheClientCredentialsGrantIsRefused() {
        HttpResponse<String> response = client.requestToken(TestClient.basic(TestClient.CLIENT_ID,
                TestClient.CLIENT_SECRET), "grant_type=password");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(response.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void theApiRefusesRequestsWithoutAGoodBearerToken() {
        HttpResponse<String> missing = client.get("artists/" + artist, null);
        HttpResponse<String> unknown = client.get("artists/" + artist, "made-up");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer ").contains("error=\"invalid_token\""));
        assertThat(TestClient.json(missing.body()).at("/error/status").asInt()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(TestClient.json(unknown.body()).at("/error/message").asText()).isEqualTo("Invalid access token");
    }

    @Test
    void anExpiredTokenGets401AndANewTokenWorks() {
        client.admin("config", "{\"token_lifetime_s\": 60}");
        String shortLived = client.token();
        assertThat(client.get("artists/" + artist, shortLived).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> expired = client.get("artists/" + artist, shortLived);

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(TestClient.json(expired.body()).at("/error/message").asText()).isEqualTo("The access token expired");
        assertThat(client.get("artists/" + artist, client.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void expiringAllTokensMakesTheNextCallA401() {
        client.admin("expire-tokens", null);

        assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(401);
    }

    @Test
    void topTracksAreTheCatalogsBytesForTheMarket() {
        HttpResponse<String> response = client.get("artists/" + artist + "/top-tracks?market=DE", token);

        byte[] expected = SpotifyJson.topTracks(catalog.topTracks(catalog.artist(7), "DE"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(TestClient.json(response.body()).get("tracks")).hasSize(Catalog.TOP_TRACKS);
    }

    @Test
    void topTracksNeedAValidMarket() {
        HttpResponse<String> missing = client.get("artists/" + artist + "/top-tracks", token);
        HttpResponse<String> invalid = client.get("artists/" + artist + "/top-tracks?market=usa", token);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(missing.body()).at("/error/status").asInt()).isEqualTo(400);
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownArtistIs404AndAMalformedIdIs400() {
        String unknown = catalog.unknownArtist(0).id();

        HttpResponse<String> notFound = client.get("artists/" + unknown + "/top-tracks?market=US", token);
        HttpResponse<String> malformed = client.get("artists/" + artist.substring(1) + "/top-tracks?market=US", token);

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(TestClient.json(notFound.body()).at("/error/status").asInt()).isEqualTo(404);
        assertThat(TestClient.json(notFound.body()).at("/error/message").asText()).isNotEmpty();
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(malformed.body()).at("/error/message").asText()).isEqualTo("invalid id");
        assertThat(client.get("artists/" + unknown, token).statusCode()).isEqualTo(404);
    }

    @Test
    void audioFeaturesTakeAtMostAHundredIdsAndAnswerNullForUnknownOnes() {
        List<String> ids = new ArrayList<>(trackIds(10));
        ids.add(catalog.unknownArtist(0).id());
        List<String> tooMany = new ArrayList<>(Collections.nCopies(101, ids.get(0)));

        HttpResponse<String> answered = client.get("audio-features?ids=" + String.join(",", ids), token);
        HttpResponse<String> refused = client.get("audio-features?ids=" + String.join(",", tooMany), token);

        JsonNode features = TestClient.json(answered.body()).get("audio_features");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(features).hasSize(ids.size());
        assertThat(features.get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(features.get(ids.size() - 1).isNull()).isTrue();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(client.get("audio-features?ids=" + String.join(",", tooMany.subList(0, 100)), token)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void severalArtistsTakeAtMostFiftyIds() {
        String fifty = String.join(",", Collections.nCopies(50, artist));
        String fiftyOne = fifty + "," + artist;

        assertThat(client.get("artists?ids=" + fifty, token).statusCode()).isEqualTo(200);
        assertThat(client.get("artists?ids=" + fiftyOne, token).statusCode()).isEqualTo(400);
        assertThat(client.get("artists?ids=" + artist + ",bad", token).statusCode()).isEqualTo(400);
    }

    @Test
    void theRateLimitAnswers429WithRetryAfterAndAnEmptyBodyUntilTheWindowHasRoom() {
        client.admin("config", "{\"rate_limit\": 3, \"rate_window_s\": 30}");
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(5));
        }

        HttpResponse<String> throttled = client.get("artists/" + artist, token);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).isEmpty();
        // the first request leaves the window 30 s after it came, 15 s from now
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("15");
        clock.advance(Duration.ofSeconds(15));
        assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aFixedRetryAfterCanBeAsLongAsAnHour() {
        client.admin("config", "{\"rate_limit\": 1, \"retry_after_s\": 3600}");
        client.get("artists/" + artist, token);

        HttpResponse<String> throttled = client.get("artists/" + artist, token);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3600");
    }

    @Test
    void developmentModeAnswers403WithoutAMessageOnTheChosenEndpoints() {
        client.admin("config", "{\"forbidden\": [\"audio-features\", \"top-tracks\"]}");

        HttpResponse<String> features = client.get("audio-features?ids=" + trackIds(1).get(0), token);
        HttpResponse<String> topTracks = client.get("artists/" + artist + "/top-tracks?market=US", token);

        assertThat(features.statusCode()).isEqualTo(403);
        assertThat(features.body()).isEqualTo("{\"error\":{\"status\":403}}");
        assertThat(topTracks.statusCode()).isEqualTo(403);
        assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(200);
    }

    @Test
    void anOutageAnswers503ToTheNextRequestsOfOneEndpoint() {
        client.admin("config", "{\"outage\": {\"endpoint\": \"top-tracks\", \"status\": 503, \"count\": 2}}");
        String path = "artists/" + artist + "/top-tracks?market=US";

        assertThat(client.get(path, token).statusCode()).isEqualTo(503);
        assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(200);
        assertThat(client.get(path, token).statusCode()).isEqualTo(503);
        assertThat(client.get(path, token).statusCode()).isEqualTo(200);
        assertThat(client.admin("config", null).at("/outage/remaining").asInt()).isZero();
    }

    @Test
    void anOutageForSomeSecondsEndsOnItsOwn() {
        client.admin("config", "{\"outage\": {\"status\": 502, \"seconds\": 10}}");

        assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(502);
        clock.advance(Duration.ofSeconds(10));
        assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(200);
    }

    @Test
    void anErrorRateOfOneAnswersOnlyServerErrors() {
        client.admin("config", "{\"error_rate\": 1.0}");

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = client.get("artists/" + artist, token);
            assertThat(response.statusCode()).isIn(500, 502, 503);
            assertThat(TestClient.json(response.body()).at("/error/status").asInt()).isEqualTo(response.statusCode());
        }
    }

    @Test
    void aDroppedConnectionEndsWithoutAnAnswerAndIsCounted() {
        client.admin("config", "{\"drop_rate\": 1.0}");

        assertThatThrownBy(() -> client.sendOrThrow("artists/" + artist, token)).isInstanceOf(IOException.class);
        // the JDK's client tries an idempotent GET once more on a closed connection: both are dropped
        JsonNode artistCounts = client.admin("counters", null).at("/endpoints/artist");
        assertThat(artistCounts.get("dropped").asInt()).isPositive();
        assertThat(artistCounts.size()).isEqualTo(1);
    }

    @Test
    void latencyIsAddedToEveryAnswer() {
        client.admin("config", "{\"latency_ms\": 150}");

        long start = System.nanoTime();
        client.get("artists/" + artist, token);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void countersAndTheRequestLogSeeEveryRequestWithItsTimeAndRetryAfter() {
        client.admin("config", "{\"rate_limit\": 2}");
        long first = clock.millis();
        client.get("artists/" + artist, token);
        client.get("artists/" + artist + "/top-tracks?market=US", token);
        clock.advance(Duration.ofSeconds(1));
        client.get("artists/" + artist, token);

        JsonNode counters = client.admin("counters", null);
        JsonNode log = client.admin("requests?since_ms=" + first, null).get("requests");
        JsonNode artistLog = client.admin("requests?endpoint=artist", null).get("requests");

        assertThat(counters.at("/endpoints/artist/200").asInt()).isEqualTo(1);
        assertThat(counters.at("/endpoints/artist/429").asInt()).isEqualTo(1);
        assertThat(counters.at("/endpoints/top-tracks/200").asInt()).isEqualTo(1);
        assertThat(counters.at("/endpoints/token/200").asInt()).isEqualTo(1);
        // the token of resetAndTakeAToken, then the three calls
        assertThat(log).hasSize(4);
        assertThat(log.get(0).get("endpoint").asText()).isEqualTo("token");
        assertThat(log.get(3).get("time_ms").asLong()).isEqualTo(first + 1000);
        assertThat(log.get(3).get("status").asInt()).isEqualTo(429);
        assertThat(log.get(3).get("retry_after_s").asInt()).isEqualTo(29);
        assertThat(artistLog).hasSize(2);
    }

    @Test
    void resetRestoresTheStartSettingsAndEmptiesTheCounters() {
        client.admin("config", "{\"rate_limit\": 1, \"latency_ms\": 5, \"outage\": {\"count\": 1}}");
        client.get("artists/" + artist, token);

        JsonNode config = client.admin("reset", null);

        assertThat(config.get("rate_limit").asInt()).isZero();
        assertThat(config.get("latency_ms").asInt()).isZero();
        assertThat(config.get("outage").isNull()).isTrue();
        assertThat(client.admin("counters", null).get("total").asInt()).isZero();
        assertThat(client.get("artists/" + artist, token).statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminApiRefusesUnknownOrInvalidSettingsAndChangesNothing() {
        HttpResponse<String> unknown = client.adminResponse("config", "{\"rate_limt\": 5}");
        HttpResponse<String> invalid = client.adminResponse("config", "{\"latency_ms\": 5, \"error_rate\": 2}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("rate_limt").contains("rate_limit");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(client.admin("config", null).get("latency_ms").asInt()).isZero();
    }

    private static List<String> trackIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int index = 0; ids.size() < count; index++) {
            catalog.topTracks(catalog.artist(index), "US").forEach(track -> ids.add(track.track().id()));
        }
        return ids.subList(0, count);
    }
}
