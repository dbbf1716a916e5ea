package dev.spotifylake.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotifylake.simulator.catalog.Artist;
import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.simulator.catalog.ReccoBeatsCatalog;
import dev.spotifylake.simulator.catalog.ReccoBeatsJson;
import dev.spotifylake.simulator.catalog.ReccoBeatsTrack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ReccoBeats under /reccobeats/v1, over HTTP, in-process on a free port, with a clock the tests move. */
class ReccoBeatsApiTest {
    private static final String AGENT = "spotify-lake/0.1.0 (test)";
    private static final MutableClock clock = new MutableClock(1_800_000_000_000L);
    private static SimulatorServer server;
    private static TestClient client;
    private static Catalog catalog;
    private static ReccoBeatsCatalog reccoBeats;

    @BeforeAll
    static void start() throws IOException {
        server = SimulatorServer.start(TestClient.config(SimulatorSettings.DEFAULTS), clock);
        client = new TestClient(server.baseUri());
        catalog = server.catalog();
        reccoBeats = new ReccoBeatsCatalog(catalog);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        client.admin("reset", null);
    }

    @Test
    void artistsByEitherIdComeBackOnceEachInReccoBeatsOrderWithoutTheUnknownOnes() {
        List<String> spotifyIds = List.of(catalog.artistId(5), catalog.artistId(6), catalog.artistId(7));
        String uuidOfTheFirst = reccoBeats.artist(catalog.artist(5)).id();

        HttpResponse<String> response = client.reccoBeats("artist?ids=" + String.join(",", spotifyIds) + ","
                + catalog.unknownArtist(0).id() + "&ids=" + uuidOfTheFirst, AGENT);

        JsonNode content = TestClient.json(response.body()).get("content");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content).hasSize(3);
        assertThat(ids(content)).isSorted();
        List<String> hrefs = texts(content, "href");
        assertThat(hrefs).containsExactlyInAnyOrderElementsOf(
                spotifyIds.stream().map(id -> "https://open.spotify.com/artist/" + id).toList());
        JsonNode first = content.get(hrefs.indexOf("https://open.spotify.com/artist/" + spotifyIds.get(0)));
        assertThat(first.get("id").asText()).isEqualTo(uuidOfTheFirst);
        assertThat(first.get("name").asText()).isEqualTo(catalog.artist(5).name());
        assertThat(first.size()).isEqualTo(3);
    }

    @Test
    void anArtistsTracksComeInPagesOfTwentyFiveByDefaultAndFiftyAtMost() {
        Artist artist = catalog.artist(11);
        String uuid = reccoBeats.artist(artist).id();

        HttpResponse<String> first = client.reccoBeats("artist/" + uuid + "/track", AGENT);
        List<String> all = new ArrayList<>();
        JsonNode page;
        int number = 0;
        do {
            page = TestClient.json(client.reccoBeats("artist/" + uuid + "/track?page=" + number++ + "&size=50", AGENT)
                    .body());
            all.addAll(texts(page.get("content"), "href"));
        } while (!page.get("content").isEmpty());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(new String(ReccoBeatsJson.page(reccoBeats.tracks(artist, 0, 25)),
                StandardCharsets.UTF_8));
        JsonNode firstPage = TestClient.json(first.body());
        assertThat(firstPage.get("size").asInt()).isEqualTo(25);
        assertThat(firstPage.get("page").asInt()).isZero();
        int total = reccoBeats.trackCount(artist);
        assertThat(firstPage.get("totalElements").asInt()).isEqualTo(total);
        assertThat(firstPage.get("totalPages").asInt()).isEqualTo((total + 24) / 25);
        assertThat(page.get("totalPages").asInt()).isEqualTo(number - 1);
        assertThat(all).hasSize(total).doesNotHaveDuplicates().isSorted();
        JsonNode track = firstPage.get("content").get(0);
        assertThat(fieldNames(track)).containsExactly("id", "trackTitle", "artists", "durationMs", "isrc", "ean",
                "upc", "href", "availableCountries", "popularity");
        assertThat(track.at("/artists/0/href").asText()).isEqualTo(artist.url());
    }

    @Test
    void audioFeaturesComeInAnyOrderMatchedByHrefAndUnknownTracksAreLeftOut() {
        List<ReccoBeatsTrack> tracks = reccoBeats.tracks(catalog.artist(2), 0, 40).content();
        List<String> ids = new ArrayList<>(tracks.stream().map(ReccoBeatsTrack::spotifyId).toList());
        Collections.reverse(ids);
        ids.set(0, catalog.unknownArtist(1).id());
        List<String> expected = ids.stream().filter(id -> reccoBeats.audioFeatures(id).isPresent())
                .map(id -> "https://open.spotify.com/track/" + id).toList();

        HttpResponse<String> response = client.reccoBeats("audio-features?ids=" + String.join(",", ids), AGENT);
        HttpResponse<String> none = client.reccoBeats("audio-features?ids=" + catalog.unknownArtist(1).id(), AGENT);

        JsonNode content = TestClient.json(response.body()).get("content");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(expected.size()).isBetween(30, 38);
        assertThat(texts(content, "href")).containsExactlyInAnyOrderElementsOf(expected)
                .isNotEqualTo(expected);
        assertThat(ids(content)).isSorted();
        JsonNode entry = content.get(0);
        assertThat(fieldNames(entry)).containsSubsequence("id", "href", "acousticness", "danceability", "energy",
                "instrumentalness", "key", "liveness", "loudness", "mode", "speechiness", "tempo", "valence")
                .doesNotContain("time_signature", "duration_ms", "analysis_url", "type", "uri");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("{\"content\":[]}");
    }

    @Test
    void tracksAreFoundByEitherId() {
        ReccoBeatsTrack track = reccoBeats.tracks(catalog.artist(4), 0, 1).content().get(0);

        HttpResponse<String> response = client.reccoBeats("track?ids=" + track.spotifyId() + "&ids=" + track.id(),
                AGENT);

        assertThat(response.body()).isEqualTo(new String(ReccoBeatsJson.tracks(List.of(track)),
                StandardCharsets.UTF_8));
    }

    @Test
    void moreThanFortyIdsAreRefusedWithAValidationError() {
        List<String> fortyOne = IntStream.range(0, 41).mapToObj(catalog::artistId).toList();

        HttpResponse<String> refused = client.reccoBeats("audio-features?ids=" + String.join(",", fortyOne), AGENT);
        HttpResponse<String> repeated = client.reccoBeats("artist?ids=" + String.join(",", fortyOne.subList(0, 40))
                + "&ids=" + fortyOne.get(40), AGENT);
        HttpResponse<String> forty = client.reccoBeats("artist?ids=" + String.join(",", fortyOne.subList(0, 40)),
                AGENT);

        JsonNode body = TestClient.json(refused.body());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(body.get("status").asInt()).isEqualTo(4004);
        assertThat(body.get("path").asText()).isEqualTo("uri=/v1/audio-features");
        assertThat(body.get("timestamp").asText()).startsWith("2027-01-15T");
        assertThat(body.at("/errors/0/path").asText()).isEqualTo("ids");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(forty.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(forty.body()).get("content")).hasSize(40);
    }

    @Test
    void errorsCarryReccoBeatsOwnCodes() {
        String unknownUuid = "0b5e7b6a-3c1f-4d2e-9a8b-7c6d5e4f3a2b";

        assertError(client.reccoBeats("artist/" + unknownUuid + "/track", AGENT), 404, 4041);
        assertError(client.reccoBeats("artist/" + catalog.artistId(1) + "/track", AGENT), 400, 4002);
        assertError(client.reccoBeats("artists?ids=" + catalog.artistId(1), AGENT), 404, 4042);
        assertError(client.reccoBeats("artist", AGENT), 400, 4001);
        String path = "artist/" + reccoBeats.artist(catalog.artist(1)).id() + "/track";
        assertError(client.reccoBeats(path + "?size=51", AGENT), 400, 4004);
        assertError(client.reccoBeats(path + "?size=0", AGENT), 400, 4004);
        assertError(client.reccoBeats(path + "?page=-1", AGENT), 400, 4004);
        assertError(client.reccoBeats(path + "?page=first", AGENT), 400, 4002);
        JsonNode counters = client.admin("counters", null).get("endpoints");
        assertThat(counters.at("/reccobeats:unknown/404").asInt()).isEqualTo(1);
        assertThat(counters.at("/reccobeats:artist-tracks/400").asInt()).isEqualTo(5);
    }

    @Test
    void itsOwnRateLimitAnswers429WithRetryAfterAndLeavesSpotifysAlone() {
        client.admin("config", "{\"reccobeats_rate_limit\": 2, \"reccobeats_rate_window_s\": 10, \"rate_limit\": 1}");
        String path = "artist?ids=" + catalog.artistId(1);
        String token = client.token();
        assertThat(client.reccoBeats(path, AGENT).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(4));
        assertThat(client.reccoBeats(path, AGENT).statusCode()).isEqualTo(200);

        HttpResponse<String> throttled = client.reccoBeats(path, AGENT);

        assertThat(throttled.statusCode()).isEqualTo(429);
        // the first request leaves the window 10 s after it came, 6 s from now
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("6");
        assertThat(TestClient.json(throttled.body()).get("status").asInt()).isEqualTo(4291);
        assertThat(client.get("artists/" + catalog.artistId(1), token).statusCode()).isEqualTo(200);
        assertThat(client.get("artists/" + catalog.artistId(1), token).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(6));
        assertThat(client.reccoBeats(path, AGENT).statusCode()).isEqualTo(200);
        JsonNode log = client.admin("requests?endpoint=reccobeats:artist", null).get("requests");
        assertThat(texts(log, "status")).containsExactly("200", "200", "429", "200");
        assertThat(log.get(2).get("retry_after_s").asInt()).isEqualTo(6);
    }

    @Test
    void outagesAndServerErrorsReachItInItsOwnWords() {
        client.admin("config", "{\"outage\": {\"endpoint\": \"reccobeats:audio-features\", \"count\": 1}}");
        String path = "audio-features?ids=" + reccoBeats.tracks(catalog.artist(1), 0, 1).content().get(0).id();

        assertError(client.reccoBeats(path, AGENT), 503, 5001);
        assertThat(client.reccoBeats(path, AGENT).statusCode()).isEqualTo(200);
        client.admin("config", "{\"error_rate\": 1.0}");
        HttpResponse<String> failed = client.reccoBeats(path, AGENT);
        assertThat(failed.statusCode()).isIn(500, 502, 503);
        assertThat(TestClient.json(failed.body()).get("status").asInt()).isEqualTo(5001);
        client.admin("config", "{\"error_rate\": 0, \"outage\": {\"endpoint\": \"*\", \"status\": 429, \"count\": 1,"
                + " \"retry_after_s\": 7}}");
        HttpResponse<String> throttled = client.reccoBeats(path, AGENT);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(TestClient.json(throttled.body()).get("status").asInt()).isEqualTo(4291);
    }

    @Test
    void developmentModeForbidsSpotifysEndpointsOnly() {
        client.admin("config", "{\"forbidden\": [\"audio-features\", \"top-tracks\"]}");
        String trackId = reccoBeats.tracks(catalog.artist(1), 0, 1).content().get(0).spotifyId();

        assertThat(client.get("audio-features?ids=" + trackId, client.token()).statusCode()).isEqualTo(403);
        assertThat(client.reccoBeats("audio-features?ids=" + trackId, AGENT).statusCode()).isEqualTo(200);
        assertThat(client.adminResponse("config", "{\"forbidden\": \"reccobeats:artist\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void whenToldToItRefusesRequestsWithoutAUserAgentOfTheirOwn() {
        String path = "artist?ids=" + catalog.artistId(1);
        assertThat(client.reccoBeats(path, null).statusCode()).isEqualTo(200);

        client.admin("config", "{\"reccobeats_user_agent_required\": true}");

        assertError(client.reccoBeats(path, null), 403, 4031);
        assertThat(client.reccoBeats(path, "curl/8.5.0").statusCode()).isEqualTo(403);
        assertThat(client.reccoBeats(path, AGENT).statusCode()).isEqualTo(200);
        assertThat(client.admin("config", null).get("reccobeats_user_agent_required").asBoolean()).isTrue();
    }

    private static void assertError(HttpResponse<String> response, int status, int code) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = TestClient.json(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(code);
        assertThat(body.get("path").asText()).startsWith("uri=/v1/");
        assertThat(body.get("error").asText()).isNotEmpty();
    }

    private static List<String> ids(JsonNode content) {
        return texts(content, "id");
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.get(field).asText()).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
