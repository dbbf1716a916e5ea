package dev.spotifylake.fetch;

import static dev.spotifylake.fetch.IngestStage.DT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.spotify.SpotifyId;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.LakeReader;
import dev.spotifylake.testing.Simulator;

/** fetch-tracks-raw-json against the simulator, MySQL and S3 of the local stack, with faults switched on. */
class FetchTracksIT extends OnIngestStage {
    private static final ObjectMapper JSON = new ObjectMapper();

    FetchTracksIT() {
        super("fetch-tracks", 120);
    }

    @Test
    void noArtistIsLostUnderServerErrorsDroppedConnectionsAndExpiringTokens() throws Exception {
        // 120 artists at 60 ms each over 4 connections take at least 1.8 s: longer than a token lives, so it expires mid-run
        start("--error-rate", "0.15", "--drop-rate", "0.05", "--token-lifetime-s", "1", "--latency-ms", "60");

        Cli cli = fetch("--concurrency", "4", "--rate-limit", "0", "--max-attempts", "10", "--backoff-base", "20").ok();

        List<JsonNode> lines = stage.lines(Dataset.TOP_TRACKS);
        JsonNode failures = stage.failures(Dataset.TOP_TRACKS);
        Set<String> fetched = lines.stream().map(line -> line.path("artist_id").asText()).collect(Collectors.toSet());
        Set<String> failed = new HashSet<>();
        failures.forEach(failure -> failed.add(failure.path("artist_id").asText()));
        assertThat(lines).hasSize(fetched.size());
        assertThat(fetched).doesNotContainAnyElementsOf(failed);
        Set<String> accounted = new HashSet<>(fetched);
        accounted.addAll(failed);
        assertThat(accounted).isEqualTo(stage.artistIds());
        assertThat(stage.failures(Dataset.ARTISTS)).as("the malformed id of MySQL, left out by extract-artists")
                .isNotEmpty().allSatisfy(failure -> assertThat(SpotifyId.isValid(failure.path("id").asText())).isFalse());
        assertThat(failures).isNotEmpty().allSatisfy(failure -> assertThat(failure.path("reason").asText())
                .satisfiesAnyOf(reason -> assertThat(reason).startsWith("not found (HTTP 404)"),
                        reason -> assertThat(reason).isEqualTo(Failures.INVALID_ID)));

        List<Simulator.LoggedRequest> log = stage.simulator().requestLog();
        JsonNode summary = JSON.readTree(cli.summaryLine());
        long calls = summary.path("calls").asLong();
        assertThat(log.stream().filter(request -> !request.isApi()).count())
                .as("tokens fetched mid-run").isGreaterThanOrEqualTo(2);
        assertThat(log).as("server errors were answered").anyMatch(request -> request.status() >= 500);
        assertThat(log).as("connections were dropped").anyMatch(request -> request.status() == 0);
        assertThat(summary.path("server_errors").asLong()).isPositive();
        assertThat(summary.path("http_requests").asLong()).isEqualTo(calls + summary.path("retries").asLong());
        assertThat(stage.apiRequests(0)).as("requests bounded by the attempts").hasSizeLessThanOrEqualTo((int) calls * 10);
    }

    /**
     * Through the jar, as the DAG runs it: in this test's JVM the simulator's own client loads the JDK's HTTP
     * client before the task could switch off its silent re-sends.
     */
    @Test
    void underDroppedConnectionsTheSummaryCountsTheRequestsTheSimulatorSaw() throws Exception {
        start("--drop-rate", "0.1", "--latency-ms", "5");
        JarProcess task = JarProcess.start(stage.environment(), List.of("-Xmx128m"), "fetch-tracks-raw-json",
                "--dt", DT.toString(), "--concurrency", "4", "--rate-limit", "0", "--max-attempts", "10", "--backoff-base", "20");
        assertThat(task.waitFor(120)).as(task.err()).isZero();

        JsonNode summary = JSON.readTree(task.out());
        assertThat(stage.apiRequests(0)).as("connections were dropped").anyMatch(request -> request.status() == 0);
        assertThat(summary.path("http_requests").asLong()).as("every request the simulator saw, dropped ones included")
                .isEqualTo(stage.apiRequests(0).size());
    }

    @Test
    void noRequestIsSentInsideARetryAfterWindow() throws Exception {
        start("--rate-limit", "40", "--rate-window-s", "4");
        int concurrency = 4;

        fetch("--concurrency", String.valueOf(concurrency), "--rate-limit", "0").ok();

        List<Simulator.LoggedRequest> throttled = stage.apiRequests(0).stream().filter(request -> request.status() == 429)
                .toList();
        assertThat(throttled).as("the simulator's limit was reached").isNotEmpty();
        for (Simulator.LoggedRequest answer : throttled) {
            long windowEnd = answer.receivedAtMillis() + answer.retryAfterSeconds() * 1000L;
            // The client pauses all its threads once it reads a 429, which is after the simulator logged it: what
            // reaches the simulator before the Retry-After has passed was sent before that, by the other threads,
            // one request each, however late it arrives. A client that asked again inside the window while the
            // limit was still reached would get more refusals (a request the simulator admitted had room).
            assertThat(throttled).filteredOn(request -> request.receivedAtMillis() > answer.receivedAtMillis()
                    && request.receivedAtMillis() < windowEnd)
                    .as("429s inside the Retry-After window of the 429 at %d", answer.receivedAtMillis())
                    .hasSizeLessThan(concurrency);
        }
        assertThat(stage.lines(Dataset.TOP_TRACKS).size() + stage.failures(Dataset.TOP_TRACKS).size())
                .isEqualTo(stage.artistIds().size());
    }

    @Test
    void aLimiterUnderTheSimulatorsLimitNeverGetsA429() throws Exception {
        start("--rate-limit", "40", "--rate-window-s", "4");

        Cli cli = fetch("--concurrency", "4", "--rate-limit", "36", "--rate-window", "4").ok();

        assertThat(stage.apiRequests(0)).noneMatch(request -> request.status() == 429);
        assertThat(JSON.readTree(cli.summaryLine()).path("throttled").asLong()).isZero();
    }

    @Test
    void aRetryAfterLongerThanTheTaskWaitsFailsItWithExit1() {
        start("--rate-limit", "5", "--rate-window-s", "600");

        fetch("--concurrency", "2", "--rate-limit", "0", "--max-retry-wait", "30").exitCode(1)
                .errContains("Spotify asked to wait").errContains("more than --max-retry-wait (30 s)");

        assertThat(stage.isComplete(Dataset.TOP_TRACKS)).isFalse();
    }

    @Test
    void aKilledFetchIsResumedWithoutFetchingItsCompletedPartsAgain() throws Exception {
        start("--latency-ms", "60");
        JarProcess first = JarProcess.start(stage.environment(), List.of("-Xmx128m"), "fetch-tracks-raw-json",
                "--dt", DT.toString(), "--concurrency", "2", "--rate-limit", "0", "--artists-per-part", "10");
        stage.awaitParts(first, Dataset.TOP_TRACKS, 3);
        first.kill();
        long callsInCompletedParts = 0;
        try (LakeReader lake = stage.lake()) {
            RawVersion version = lake.raw(Dataset.TOP_TRACKS, DT).newestVersion().orElseThrow();
            for (String record : IngestStage.progressRecords(version)) {
                callsInCompletedParts += version.readJson(record.substring(version.folder().length()))
                        .orElseThrow().path("calls").asLong();
            }
        }
        assertThat(callsInCompletedParts).isGreaterThanOrEqualTo(30);
        int before = stage.simulator().requestLog().size();

        Cli resumed = fetch("--concurrency", "4", "--rate-limit", "0", "--artists-per-part", "10").ok();

        long calls = JSON.readTree(resumed.summaryLine()).path("calls").asLong();
        assertThat(stage.apiRequests(before)).as("requests of the resumed run").hasSize((int) (calls - callsInCompletedParts));
        assertThat(stage.lines(Dataset.TOP_TRACKS)).extracting(line -> line.path("artist_id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void aSecondRunForTheSameDtChangesNothing() throws Exception {
        start();
        fetch("--rate-limit", "0").ok().outContains("\"source\":\"spotify\"");
        Map<String, String> before = stage.contents();
        int requests = stage.simulator().requestLog().size();

        Cli second = fetch("--rate-limit", "0").ok();

        assertThat(JSON.readTree(second.summaryLine()).path("already_complete").asBoolean()).isTrue();
        assertThat(stage.contents()).isEqualTo(before);
        assertThat(stage.simulator().requestLog()).hasSize(requests);
    }

    @Test
    void aForcedFetchWithARefusedSecretLeavesTheRawPartitionByteForByteAndFlattenStillExits0() throws Exception {
        start();
        fetch("--rate-limit", "0").ok();
        Map<String, String> before = stage.contents();
        Map<String, String> refused = new HashMap<>(stage.environment());
        refused.put("SPOTIFY_CLIENT_SECRET", "not-the-secret");

        Cli.run(refused, "fetch-tracks-raw-json", "--dt", DT.toString(), "--force", "--rate-limit", "0").exitCode(2)
                .errContains("refused the client credentials").errDoesNotContain("not-the-secret");

        assertThat(stage.contents()).isEqualTo(before);
        stage.run("flatten-to-parquet", "--dataset", "top_tracks").ok();
    }

    @Test
    void withSpotifyAsTheSourceA403ExplainsDevelopmentModeAndExitsWith2() {
        start("--forbidden", "top-tracks");

        fetch("--source", "spotify", "--rate-limit", "0").exitCode(2)
                .errContains("403 Forbidden to GET /v1/artists/{id}/top-tracks")
                .errContains("Extended Quota Mode")
                .errDoesNotContain(stage.environment().get("SPOTIFY_CLIENT_SECRET"));

        assertThat(stage.isComplete(Dataset.TOP_TRACKS)).isFalse();
    }

    private Cli fetch(String... options) {
        return stage.run("fetch-tracks-raw-json", options);
    }
}
