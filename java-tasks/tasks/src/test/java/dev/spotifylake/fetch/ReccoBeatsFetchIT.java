package dev.spotifylake.fetch;

import static dev.spotifylake.fetch.IngestStage.DT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.LakeReader;
import dev.spotifylake.testing.Simulator;

/** Both fetches from the simulator's ReccoBeats, with Spotify refusing the app as in Development Mode. */
class ReccoBeatsFetchIT extends OnIngestStage {
    private static final ObjectMapper JSON = new ObjectMapper();

    ReccoBeatsFetchIT() {
        super("fetch-reccobeats", 120);
    }

    @Test
    void withReccoBeatsAsTheSourceNoSpotifyCredentialsAreNeededAndEveryArtistAndTrackIsAccountedFor() throws Exception {
        start("--forbidden", "top-tracks,audio-features,artists,artist");
        Map<String, String> noSpotify = new HashMap<>(stage.environment());
        noSpotify.remove("SPOTIFY_CLIENT_ID");
        noSpotify.remove("SPOTIFY_CLIENT_SECRET");

        JsonNode tracks = summary(Cli.run(noSpotify, "fetch-tracks-raw-json", "--dt", DT.toString(), "--source",
                "reccobeats", "--reccobeats-rate-limit", "0", "--reccobeats-concurrency", "4").ok());
        JsonNode features = summary(Cli.run(noSpotify, "fetch-audio-features-raw-json", "--dt", DT.toString(),
                "--source", "reccobeats", "--reccobeats-rate-limit", "0").ok());

        assertThat(stage.simulator().requestLog()).isNotEmpty()
                .allSatisfy(request -> assertThat(request.endpoint()).startsWith("reccobeats:"));
        assertThat(tracks.path("source").asText()).isEqualTo("reccobeats");
        Set<String> accounted = new HashSet<>();
        stage.lines(Dataset.TOP_TRACKS).stream().filter(line -> line.path("endpoint").asText().equals("artist/track"))
                .forEach(line -> accounted.add(line.path("artist_id").asText()));
        assertThat(accounted).hasSize(tracks.path("artists_found").asInt());
        stage.failures(Dataset.TOP_TRACKS).forEach(failure -> {
            assertThat(failure.path("reason").asText()).isEqualTo("not found at ReccoBeats");
            assertThat(accounted.add(failure.path("artist_id").asText())).as("an artist both fetched and failed").isTrue();
        });
        assertThat(accounted).isEqualTo(stage.artistIds());
        assertThat(features.path("source").asText()).isEqualTo("reccobeats");
        assertThat(features.path("audio_features").asLong() + features.path("not_found").asLong())
                .isEqualTo(features.path("track_ids").asLong()).isPositive();
        assertThat(stage.lines(Dataset.AUDIO_FEATURES)).allSatisfy(line ->
                assertThat(line.path("ids").size()).isBetween(1, 40));
    }

    @Test
    void byDefaultADevelopmentModeAppGetsBothDatasetsFromReccoBeats() throws Exception {
        start("--forbidden", "top-tracks,audio-features");

        JsonNode tracks = summary(stage.run("fetch-tracks-raw-json", "--reccobeats-rate-limit", "0").ok());
        JsonNode features = summary(stage.run("fetch-audio-features-raw-json", "--reccobeats-rate-limit", "0").ok());

        assertThat(tracks.path("source").asText()).isEqualTo("reccobeats");
        assertThat(features.path("source").asText()).isEqualTo("reccobeats");
        try (LakeReader lake = stage.lake()) {
            assertThat(lake.raw(Dataset.TOP_TRACKS, DT).current().orElseThrow().pointer().orElseThrow()
                    .source()).isEqualTo("reccobeats");
            assertThat(lake.raw(Dataset.AUDIO_FEATURES, DT).current().orElseThrow().pointer().orElseThrow()
                    .source()).isEqualTo("reccobeats");
        }
        List<Simulator.LoggedRequest> spotify = stage.simulator().requestLog().stream()
                .filter(request -> request.isApi() && !request.endpoint().startsWith("reccobeats:")).toList();
        assertThat(spotify).as("Spotify is asked until its first 403s, one per thread at most")
                .hasSizeLessThanOrEqualTo(8).allSatisfy(request -> assertThat(request.status()).isEqualTo(403));
        assertThat(stage.lines(Dataset.TOP_TRACKS)).noneMatch(line -> line.path("request").path("path").asText()
                .contains("top-tracks"));
    }

    @Test
    void aKilledReccoBeatsFetchIsResumedWithoutAskingForWhatItAlreadyHas() throws Exception {
        start("--forbidden", "top-tracks", "--latency-ms", "20");
        JarProcess first = JarProcess.start(stage.environment(), List.of("-Xmx128m"), "fetch-tracks-raw-json",
                "--dt", DT.toString(), "--reccobeats-rate-limit", "0", "--artists-per-part", "10");
        // three parts of lookups (40 artists a request), then the pages of ten artists a part
        stage.awaitParts(first, Dataset.TOP_TRACKS, 5);
        first.kill();
        int before = stage.simulator().requestLog().size();

        stage.run("fetch-tracks-raw-json", "--reccobeats-rate-limit", "0", "--artists-per-part", "10").ok();

        List<Simulator.LoggedRequest> resumed = stage.apiRequests(before);
        assertThat(resumed).as("the lookups are read back from the lake")
                .noneMatch(request -> request.endpoint().equals("reccobeats:artist"));
        Set<String> pages = new HashSet<>();
        stage.lines(Dataset.TOP_TRACKS).stream().filter(line -> line.path("endpoint").asText().equals("artist/track"))
                .forEach(line -> assertThat(pages.add(line.path("artist_id").asText() + " " + line.path("page").asInt()))
                        .as("a page written twice").isTrue());
        assertThat(resumed).filteredOn(request -> request.endpoint().equals("reccobeats:artist-tracks"))
                .hasSizeLessThan(pages.size());
    }

    private static JsonNode summary(Cli cli) throws Exception {
        return JSON.readTree(cli.summaryLine());
    }
}
