package dev.spotifylake.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import dev.spotifylake.simulator.catalog.Catalog;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's answers, fetched over HTTP, validated against the schemas that Spotify's OpenAPI description
 * (src/test/resources/spotify-openapi/) declares for them. The only departures allowed are the real-world drift
 * docs/architecture.md lists, and each of those must actually occur: the simulator is as faithful as the real API,
 * not more.
 */
class SpotifyOpenApiConformanceTest {
    /** The drift of real answers, as the validator reports it: keyword, instance location (indices as *), property. */
    private static final Set<String> REAL_WORLD_DRIFT = Set.of(
            "required /tracks/*/album available_markets", // absent when the request names a market
            "required /tracks/*/album release_date", // old albums
            "type /audio_features/*", // null for an id without features
            "type /artists/*", // null for an unknown id
            "required /error message"); // 403 to Development Mode apps

    private static SimulatorServer server;
    private static TestClient client;
    private static OpenApiDescription description;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        description = OpenApiDescription.load();
        server = SimulatorServer.start(TestClient.config(SimulatorSettings.DEFAULTS));
        client = new TestClient(server.baseUri());
        token = client.token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersFollowTheOpenApiSchemasExceptForTheDriftOfRealAnswers() {
        Catalog catalog = server.catalog();
        TreeMap<String, String> departures = new TreeMap<>();
        List<String> trackIds = new ArrayList<>();
        for (int index = 0; index < 300; index++) {
            String artistId = catalog.artistId(index);
            String market = index % 2 == 0 ? "US" : "SE";
            JsonNode topTracks = check(departures, "/artists/{id}/top-tracks",
                    client.get("artists/" + artistId + "/top-tracks?market=" + market, token), 200);
            topTracks.get("tracks").forEach(track -> trackIds.add(track.get("id").asText()));
            if (index < 50) {
                check(departures, "/artists/{id}", client.get("artists/" + artistId, token), 200);
            }
        }
        String unknownArtist = catalog.unknownArtist(0).id();
        check(departures, "/artists", client.get("artists?ids=" + catalog.artistId(1) + "," + unknownArtist + ","
                + catalog.artistId(2), token), 200);
        for (int from = 0; from + 99 <= trackIds.size(); from += 99) {
            String ids = String.join(",", trackIds.subList(from, from + 99)) + "," + unknownArtist;
            check(departures, "/audio-features", client.get("audio-features?ids=" + ids, token), 200);
        }
        check(departures, "/artists/{id}", client.get("artists/" + catalog.artistId(3), "not-a-token"), 401);
        check(departures, "/artists/{id}", client.get("artists/" + unknownArtist, token), 404);
        check(departures, "/artists/{id}/top-tracks", client.get("artists/" + catalog.artistId(3) + "/top-tracks",
                token), 400);
        client.admin("config", "{\"forbidden\": [\"audio-features\"]}");
        try {
            check(departures, "/audio-features", client.get("audio-features?ids=" + trackIds.get(0), token), 403);
        } finally {
            client.admin("reset", null);
        }

        assertThat(departures.keySet())
                .as("departures from the OpenAPI description, with an example of each: %s", departures)
                .isEqualTo(new TreeSet<>(REAL_WORLD_DRIFT));
    }

    /** Validates one answer; records each departure (indices folded) with the first message seen for it. */
    private static JsonNode check(TreeMap<String, String> departures, String path, HttpResponse<String> response,
            int expectedStatus) {
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        for (Error error : description.validate(path, expectedStatus, response.body())) {
            String location = error.getInstanceLocation().toString().replaceAll("/\\d+", "/*");
            String departure = error.getKeyword() + " " + location
                    + (error.getProperty() != null ? " " + error.getProperty() : "");
            departures.putIfAbsent(departure, error.toString());
        }
        return TestClient.json(response.body());
    }
}
