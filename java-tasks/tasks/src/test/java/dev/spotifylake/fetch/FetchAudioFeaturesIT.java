package dev.spotifylake.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.testing.Cli;

/** fetch-audio-features-raw-json after fetch-tracks-raw-json, against the simulator and the local stack. */
class FetchAudioFeaturesIT extends OnIngestStage {
    private static final ObjectMapper JSON = new ObjectMapper();

    FetchAudioFeaturesIT() {
        super("audio-features", 60);
    }

    @Test
    void everyTrackOfTheTopTracksIsInRawOrInFailuresAndNullEntriesAreCounted() throws Exception {
        startWithTopTracks("--error-rate", "0.1");

        Cli cli = stage.run("fetch-audio-features-raw-json", "--rate-limit", "0", "--backoff-base", "20", "--max-attempts", "10").ok();

        Set<String> tracks = new HashSet<>();
        stage.lines(Dataset.TOP_TRACKS).forEach(line -> line.path("body").path("tracks")
                .forEach(track -> tracks.add(track.path("id").asText())));
        List<JsonNode> lines = stage.lines(Dataset.AUDIO_FEATURES);
        Set<String> asked = new HashSet<>();
        long nulls = 0;
        for (JsonNode line : lines) {
            assertThat(line.path("ids").size()).isBetween(1, 100);
            assertThat(line.path("body").path("audio_features").size()).isEqualTo(line.path("ids").size());
            line.path("ids").forEach(id -> asked.add(id.asText()));
            for (JsonNode entry : line.path("body").path("audio_features")) {
                nulls += entry.isNull() ? 1 : 0;
            }
            assertThat(line.path("request").path("path").asText()).startsWith("/v1/audio-features?ids=");
        }
        stage.failures(Dataset.AUDIO_FEATURES).forEach(failure -> asked.add(failure.path("track_id").asText()));
        assertThat(asked).isEqualTo(tracks);
        JsonNode summary = JSON.readTree(cli.summaryLine());
        assertThat(summary.path("track_ids").asInt()).isEqualTo(tracks.size());
        assertThat(summary.path("null_entries").asLong()).isEqualTo(nulls);
    }

    @Test
    void aSecondRunForTheSameDtChangesNothing() throws Exception {
        startWithTopTracks();
        stage.run("fetch-audio-features-raw-json", "--rate-limit", "0").ok();
        Map<String, String> before = stage.contents();
        int requests = stage.simulator().requestLog().size();

        stage.run("fetch-audio-features-raw-json", "--rate-limit", "0").ok().outContains("\"already_complete\":true");

        assertThat(stage.contents()).isEqualTo(before);
        assertThat(stage.simulator().requestLog()).hasSize(requests);
    }

    @Test
    void withSpotifyAsTheSourceA403FailsTheTaskWith2OrSkipsItWith99WhenAudioFeaturesAreOptional() {
        startWithTopTracks("--forbidden", "audio-features");

        stage.run("fetch-audio-features-raw-json", "--source", "spotify", "--rate-limit", "0").exitCode(2)
                .errContains("403 Forbidden to GET /v1/audio-features").errContains("--optional");
        stage.run("fetch-audio-features-raw-json", "--source", "spotify", "--rate-limit", "0", "--optional").exitCode(99)
                .outContains("\"status\":\"nothing_to_do\"");
        Map<String, String> optional = new HashMap<>(stage.environment());
        optional.put("AUDIO_FEATURES_OPTIONAL", "true");
        optional.put("AUDIO_FEATURES_SOURCE", "spotify");
        Cli.run(optional, "fetch-audio-features-raw-json", "--dt", IngestStage.DT.toString(), "--rate-limit", "0")
                .exitCode(99).outContains("\"reason\":\"forbidden\"");

        assertThat(stage.isComplete(Dataset.AUDIO_FEATURES)).isFalse();
    }

    @Test
    void withoutCompleteTopTracksTheTaskSaysWhatToRunFirst() {
        start();

        stage.run("fetch-audio-features-raw-json").exitCode(2).errContains("run fetch-tracks-raw-json for dt=");
    }

    /** The stage with the top tracks of dt fetched (with no faults: those are this test's to switch on). */
    private void startWithTopTracks(String... serveOptions) {
        start(serveOptions);
        stage.run("fetch-tracks-raw-json", "--rate-limit", "0", "--max-attempts", "10", "--backoff-base", "20").ok();
    }
}
