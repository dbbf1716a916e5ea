package dev.spotifylake.fetch;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.Cli;

/** --source and its variables are checked before anything else: a wrong value is exit 2 with one line. */
class FetchSourceOptionTest {
    @Test
    void aSourceThatIsNoneOfTheThreeIsAConfigurationError() {
        Cli.run("fetch-tracks-raw-json", "--dt", "2026-11-20", "--source", "deezer").exitCode(2)
                .errContains("Invalid value for option '--source'").errContains("but was 'deezer'");
        Cli.run(Map.of("AUDIO_FEATURES_SOURCE", "Spotfy"), "fetch-audio-features-raw-json", "--dt", "2026-11-20")
                .exitCode(2).errContains("Invalid value for option '--source'").errContains("but was 'Spotfy'");
    }

    @Test
    void helpExplainsTheSourcesAndReccoBeatsOptions() {
        Cli.run("fetch-tracks-raw-json", "--help").ok().outContains("--source").outContains("TOP_TRACKS_SOURCE")
                .outContains("--reccobeats-api-url").outContains("--reccobeats-max-pages")
                .outContains("--reccobeats-rate-limit");
        Cli.run("fetch-audio-features-raw-json", "--help").ok().outContains("AUDIO_FEATURES_SOURCE")
                .outContains("RECCOBEATS_API_URL");
    }
}
