package dev.spotifylake.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.LateSnapshots;
import dev.spotifylake.common.Secret;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.flatten.Flattener;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.spotify.RateLimiter;
import dev.spotifylake.spotify.SpotifyClient;
import dev.spotifylake.spotify.SpotifyClientSettings;
import dev.spotifylake.spotify.TimeSource;
import dev.spotifylake.spotify.Transport;
import dev.spotifylake.testing.FakeSpotifyApi;
import dev.spotifylake.testing.CrashingObjectStore;
import dev.spotifylake.testing.HeldObjectStore;
import dev.spotifylake.testing.InMemoryObjectStore;

class RawFetchTest {
    private static final LocalDate DT = LocalDate.now(ZoneOffset.UTC);
    private static final String MALFORMED = "not-a-spotify-id";

    private final InMemoryObjectStore lake = new InMemoryObjectStore();
    private final FakeSpotifyApi api = new FakeSpotifyApi();
    /** What the client sends through: the fake API, unless a test wraps it. */
    private Transport transport = api;
    private final RawPartition artists = new RawPartition(lake, Dataset.ARTISTS, DT);
    private final RawPartition topTracks = new RawPartition(lake, Dataset.TOP_TRACKS, DT);
    private final RawPartition audioFeatures = new RawPartition(lake, Dataset.AUDIO_FEATURES, DT);

    @Test
    void everyArtistEndsUpInRawOrInFailuresWithItsReason() {
        List<String> ids = artistIds(25);
        api.unknown(ids.get(3));
        snapshot(ids, MALFORMED);

        TaskSummary summary = fetchTracks(settings(false, 0), List.of("US", "SE"), 10);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.OK);
        List<JsonNode> lines = lines(topTracks);
        assertThat(lines).hasSize(2 * 24);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.path("request").path("path").asText()).isEqualTo("/v1/artists/" + line.path("artist_id").asText()
                    + "/top-tracks?market=" + line.path("market").asText());
            assertThat(line.path("fetched_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.path("body").path("tracks")).hasSize(2);
        });
        assertThat(topTracks.current().orElseThrow().failures()).extracting(failure -> failure.path("artist_id").asText() + " "
                + failure.path("market").asText() + " " + failure.path("status").asText() + " " + failure.path("reason").asText())
                .containsExactlyInAnyOrder(
                        ids.get(3) + " US 404 not found (HTTP 404): Resource not found",
                        ids.get(3) + " SE 404 not found (HTTP 404): Resource not found",
                        MALFORMED + " US null " + Failures.INVALID_ID,
                        MALFORMED + " SE null " + Failures.INVALID_ID);
        assertThat(api.requests()).hasSize(50).noneMatch(path -> path.contains(MALFORMED));
        assertThat(summary.fields()).containsEntry("responses", 48L).containsEntry("failures", 4).containsEntry("tracks", 96L);
    }

    @Test
    void partsCoverFixedSlicesOfTheSortedArtistList() {
        snapshot(artistIds(25));

        fetchTracks(settings(false, 0), List.of("US"), 10);

        assertThat(topTracks.partKeys()).extracting(LakePaths::fileName)
                .containsExactly("part-00000.json.gz", "part-00001.json.gz", "part-00002.json.gz");
        RawVersion current = topTracks.current().orElseThrow();
        assertThat(current.pointer().orElseThrow().files()).extracting(Pointer.VersionFile::rows).containsExactly(10L, 10L, 5L);
        assertThat(current.summary().path("late").asBoolean()).isFalse();
        assertThat(lake.keys()).filteredOn(key -> key.contains("_progress")).as("kept in the version, hidden from readers")
                .hasSize(3).allMatch(key -> key.startsWith(current.folder() + "_progress/"));
    }

    @Test
    void aCompletePartitionIsNotFetchedAgain() {
        snapshot(artistIds(5));
        fetchTracks(settings(false, 0), List.of("US"), 2);
        List<String> before = lake.keys();
        int requests = api.requests().size();

        TaskSummary again = fetchTracks(settings(false, 0), List.of("US"), 2);

        assertThat(again.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(again.fields()).containsEntry("already_complete", true);
        assertThat(api.requests()).hasSize(requests);
        assertThat(lake.keys()).isEqualTo(before);
    }

    @Test
    void aRunThatFailedHalfwayIsResumedWithoutFetchingCompletedPartsAgain() {
        List<String> ids = artistIds(30);
        snapshot(ids);
        api.failingWith(503, path -> path.contains(ids.get(25)));

        assertThatThrownBy(() -> fetchTracks(settings(false, 0), List.of("US"), 10))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageContaining("a retry of the task fetches only the rest");
        assertThat(topTracks.current()).isEmpty();
        assertThat(topTracks.newestVersion().orElseThrow().partKeys()).extracting(LakePaths::fileName).contains("part-00000.json.gz", "part-00001.json.gz")
                .doesNotContain("part-00002.json.gz");

        api.failingWith(503, path -> false);
        List<String> firstRun = api.requests();
        fetchTracks(settings(false, 0), List.of("US"), 10);

        List<String> secondRun = api.requests().subList(firstRun.size(), api.requests().size());
        assertThat(secondRun).hasSize(10).allMatch(path -> ids.subList(20, 30).stream().anyMatch(path::contains));
        assertThat(lines(topTracks)).hasSize(30);
    }

    @Test
    void anErrorOnAFetchThreadFailsTheTaskInsteadOfLeavingItsPartOut() {
        List<String> ids = artistIds(30);
        snapshot(ids);
        transport = request -> {
            if (request.uri().getPath().contains(ids.get(15))) {
                throw new OutOfMemoryError("Java heap space");
            }
            return api.send(request);
        };

        assertThatThrownBy(() -> fetchTracks(settings(false, 0), List.of("US"), 10))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageStartingWith("out of memory (Java heap space)");
        assertThat(topTracks.current()).as("the partition is not complete").isEmpty();
        // the other parts may not have been uploaded yet when the error stopped the task: then there is no version
        assertThat(topTracks.newestVersion().map(RawVersion::partKeys).orElse(List.of())).extracting(LakePaths::fileName)
                .doesNotContain("part-00001.json.gz");
    }

    @Test
    void failuresWithinTheAllowanceAreRecordedWithTheLastStatus() {
        List<String> ids = artistIds(4);
        snapshot(ids);
        api.failingWith(503, path -> path.contains(ids.get(1)));

        fetchTracks(settings(false, 1), List.of("US"), 10);

        JsonNode failure = topTracks.current().orElseThrow().failures().get(0);
        assertThat(failure.path("artist_id").asText()).isEqualTo(ids.get(1));
        assertThat(failure.path("status").asInt()).isEqualTo(503);
        assertThat(failure.path("reason").asText()).contains("still failed after 3 attempts, last: HTTP 503");
    }

    @Test
    void a403StopsTheFetchWithAnExplanationAndExitCode2() {
        snapshot(artistIds(40));
        api.forbidden();

        assertThatThrownBy(() -> fetchTracks(settings(false, 0), List.of("US"), 10))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("403 Forbidden to GET /v1/artists/{id}/top-tracks")
                .hasMessageContaining("Extended Quota Mode")
                .hasMessageContaining("Development Mode");
        assertThat(api.requests().size()).isLessThan(10);
        assertThat(lake.keys()).noneMatch(key -> key.startsWith(topTracks.location()));
    }

    @Test
    void forceFetchesEverythingAgainAndDropsPartsOfTheEarlierCut() {
        snapshot(artistIds(12));
        fetchTracks(settings(false, 0), List.of("US"), 2);
        assertThat(topTracks.partKeys()).hasSize(6);

        fetchTracks(settings(true, 0), List.of("US"), 5);

        assertThat(topTracks.partKeys()).hasSize(3);
        assertThat(lines(topTracks)).hasSize(12);
        assertThat(api.requests()).hasSize(24);
    }

    @Test
    void aForcedFetchWithARefusedSecretLeavesTheLakeByteForByteAndFlattenStillReadsIt() {
        snapshot(artistIds(12));
        fetchTracks(settings(false, 0), List.of("US"), 5);
        Map<String, String> before = contents();
        transport = request -> request.uri().getPath().endsWith("/api/token")
                ? new Transport.Response(400, Map.of(), "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8))
                : api.send(request);

        assertThatThrownBy(() -> fetchTracks(settings(true, 0), List.of("US"), 5))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("refused the client credentials");

        assertThat(contents()).isEqualTo(before);
        TaskSummary flattened = new Flattener(lake, CuratedTables.TOP_TRACKS,
                new Flattener.Settings(1, ParquetLayout.DEFAULT), Clock.systemUTC()).flatten(DT);
        assertThat(flattened.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(flattened.fields()).containsEntry("records_in", 24L);
    }

    @Test
    void aForcedFetchThatFailsHalfwayLeavesThePreviousVersionCurrentAndTheNextPlainRunFinishes() {
        List<String> ids = artistIds(30);
        snapshot(ids);
        fetchTracks(settings(false, 0), List.of("US"), 10);
        String previous = currentFolder();
        List<JsonNode> linesBefore = lines(topTracks);
        api.failingWith(503, path -> path.contains(ids.get(25)));

        assertThatThrownBy(() -> fetchTracks(settings(true, 0), List.of("US"), 10))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE));

        assertThat(currentFolder()).isEqualTo(previous);
        assertThat(lines(topTracks)).isEqualTo(linesBefore);
        assertThat(topTracks.newestVersion().orElseThrow().folder()).as("the forced fetch's own version").isNotEqualTo(previous);
        api.failingWith(503, path -> false);
        TaskSummary plain = fetchTracks(settings(false, 0), List.of("US"), 10);
        assertThat(plain.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(plain.fields()).containsEntry("already_complete", true);
        assertThat(currentFolder()).isEqualTo(previous);
    }

    @Test
    void aForcedFetchSwitchesToANewFolderAndKeepsThePreviousOneForReadersStillOnIt() {
        snapshot(artistIds(12));
        fetchTracks(settings(false, 0), List.of("US"), 5);
        String first = currentFolder();
        List<String> firstParts = topTracks.partKeys();

        fetchTracks(settings(true, 0), List.of("US"), 5);

        assertThat(currentFolder()).isNotEqualTo(first).startsWith(topTracks.location()).endsWith("/");
        assertThat(topTracks.partKeys()).hasSize(3).allMatch(key -> key.startsWith(currentFolder()));
        assertThat(lake.keys()).containsAll(firstParts);
        assertThat(topTracks.current().orElseThrow().pointer().orElseThrow().version())
                .isEqualTo(LakePaths.fileName(currentFolder().substring(0, currentFolder().length() - 1)));
    }

    @Test
    void fetchingWithoutAnArtistSnapshotIsAConfigurationError() {
        assertThatThrownBy(() -> fetchTracks(settings(false, 0), List.of("US"), 10))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("run extract-artists for dt=" + DT + " first");
    }

    @Test
    void aDayTooFarInThePastIsSkippedRatherThanFilledWithTodaysAnswers() {
        LocalDate old = DT.minusDays(30);
        RawPartition oldTracks = new RawPartition(lake, Dataset.TOP_TRACKS, old);

        TaskSummary summary = new RawFetch("fetch-tracks-raw-json",
                new TopTracksJob(new DayArtists(new RawPartition(lake, Dataset.ARTISTS, old), List.of("US"), 10)),
                oldTracks, settings(false, 0)).run(this::client);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(summary.fields()).containsEntry("reason", "late").containsEntry("late_days", 30L);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void audioFeaturesAskForAHundredDistinctIdsACallAndCountNullEntries() {
        List<String> ids = artistIds(120);
        snapshot(ids);
        fetchTracks(settings(false, 0), List.of("US"), 50);
        String unknownTrack = FakeSpotifyApi.trackIdsOf(ids.get(7)).get(1);
        api.unknown(unknownTrack);
        int before = api.requests().size();

        TaskSummary summary = fetchAudioFeatures(false);

        List<String> calls = api.requests().subList(before, api.requests().size());
        assertThat(calls).hasSize(3).allMatch(path -> path.startsWith("/v1/audio-features?ids="));
        assertThat(lines(audioFeatures)).extracting(line -> line.path("ids").size()).containsExactlyInAnyOrder(100, 100, 40);
        assertThat(summary.fields()).containsEntry("track_ids", 240).containsEntry("null_entries", 1L)
                .containsEntry("audio_features", 239L);
        assertThat(lines(audioFeatures)).allSatisfy(line -> assertThat(line.path("body").path("audio_features"))
                .hasSize(line.path("ids").size()));
    }

    @Test
    void aForbiddenAudioFeaturesEndpointFailsOrSkipsWhenOptional() {
        snapshot(artistIds(3));
        fetchTracks(settings(false, 0), List.of("US"), 50);
        api.forbidden();

        assertThatThrownBy(() -> fetchAudioFeatures(false))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("Since November 2024").hasMessageContaining("--optional");
        assertThatThrownBy(() -> fetchAudioFeatures(true))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO));
    }

    /**
     * Kills a forced fetch before each of its writes in turn: the partition always has one pointer naming one whole
     * version, so the plain re-run and flatten always succeed, on the old version or the new one.
     */
    @Test
    void aForcedFetchKilledBeforeAnyOfItsWritesLeavesOnePointerThatThePlainRunAndFlattenTake() {
        snapshot(artistIds(12));
        fetchTracks(settings(false, 0), List.of("US"), 5);
        CrashingObjectStore counting = new CrashingObjectStore(copyOf(lake), Integer.MAX_VALUE);
        fetchTracksInto(counting, settings(true, 0));
        assertThat(counting.changes()).isGreaterThan(4);

        for (int death = 0; death < counting.changes(); death++) {
            InMemoryObjectStore killed = copyOf(lake);
            CrashingObjectStore dying = new CrashingObjectStore(killed, death);
            assertThatThrownBy(() -> fetchTracksInto(dying, settings(true, 0))).as("death before change %d", death)
                    .isInstanceOf(RuntimeException.class);

            assertThat(fetchTracksInto(killed, settings(false, 0)).exitCode()).as("plain run after death %d", death)
                    .isEqualTo(ExitCode.OK);
            TaskSummary flattened = new Flattener(killed, CuratedTables.TOP_TRACKS, new Flattener.Settings(1, ParquetLayout.DEFAULT),
                    Clock.systemUTC()).flatten(DT);
            assertThat(flattened.fields()).as("flatten after death %d", death).containsEntry("records_in", 24L);
        }
    }

    @Test
    void twoForcedFetchesAtOnceEndWithOneCompleteVersion() throws Exception {
        snapshot(artistIds(12));
        fetchTracks(settings(false, 0), List.of("US"), 5);
        HeldObjectStore held = new HeldObjectStore(lake, key -> key.equals(topTracks.location() + LakePaths.MANIFEST_FILE));
        CompletableFuture<TaskSummary> first = CompletableFuture.supplyAsync(() -> fetchTracksInto(held, settings(true, 0)));
        held.awaitHeld();

        TaskSummary second = fetchTracksInto(lake, settings(true, 0));
        held.release();

        assertThat(first.get().exitCode()).isEqualTo(ExitCode.OK);
        assertThat(second.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(topTracks.current().orElseThrow().name()).as("the pointer written last").isEqualTo(first.get().fields().get("version"));
        assertThat(lines(topTracks)).hasSize(12);
    }

    @Test
    void failuresARetryMayHelpAreAskedForAgainByAPlainRunWhilePermanentOnesStay() {
        List<String> ids = artistIds(12);
        snapshot(ids);
        api.unknown(ids.get(0));
        api.failingWith(503, path -> path.contains(ids.get(7)));
        TaskSummary first = fetchTracks(settings(false, 1), List.of("US"), 5);
        assertThat(first.fields()).containsEntry("failures", 2);
        api.failingWith(503, path -> false);
        int asked = api.requests().size();

        TaskSummary again = fetchTracks(settings(false, 1), List.of("US"), 5);

        assertThat(again.fields()).doesNotContainKey("already_complete").containsEntry("failures", 1);
        assertThat(api.requests().subList(asked, api.requests().size())).as("only the part of the failed artist")
                .hasSize(5).anyMatch(path -> path.contains(ids.get(7)));
        assertThat(topTracks.current().orElseThrow().failures()).extracting(failure -> failure.path("artist_id").asText())
                .containsExactly(ids.get(0));
        assertThat(lines(topTracks)).hasSize(11);
        assertThat(fetchTracks(settings(false, 1), List.of("US"), 5).fields()).containsEntry("already_complete", true);
    }

    private TaskSummary fetchTracks(RawFetch.Settings settings, List<String> markets, int artistsPerPart) {
        return new RawFetch("fetch-tracks-raw-json", new TopTracksJob(new DayArtists(artists, markets, artistsPerPart)),
                topTracks, settings).run(this::client);
    }

    private TaskSummary fetchTracksInto(ObjectStore store, RawFetch.Settings settings) {
        DayArtists artists = new DayArtists(new RawPartition(store, Dataset.ARTISTS, DT), List.of("US"), 5);
        return new RawFetch("fetch-tracks-raw-json", new TopTracksJob(artists), new RawPartition(store, Dataset.TOP_TRACKS, DT),
                settings).run(this::client);
    }

    private static InMemoryObjectStore copyOf(InMemoryObjectStore store) {
        InMemoryObjectStore copy = new InMemoryObjectStore();
        for (String key : store.keys()) {
            try (InputStream in = store.open(key).orElseThrow()) {
                copy.put(key, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copy;
    }

    private TaskSummary fetchAudioFeatures(boolean optional) {
        return new RawFetch("fetch-audio-features-raw-json", new AudioFeaturesJob(topTracks, 50, optional, Source.SPOTIFY), audioFeatures,
                settings(false, 0)).run(this::client);
    }

    private SpotifyClient client() {
        SpotifyClientSettings settings = new SpotifyClientSettings(URI.create("http://spotify.test/v1"),
                URI.create("http://spotify.test"), "id", new Secret("secret"), 3, Duration.ofSeconds(5),
                Duration.ofMillis(1), Duration.ofMillis(2));
        return new SpotifyClient(settings, transport, RateLimiter.unlimited(TimeSource.system()), TimeSource.system(), Math::random);
    }

    private static RawFetch.Settings settings(boolean force, int allowedFailures) {
        return new RawFetch.Settings(force, new LateSnapshots(7, Clock.systemUTC()), allowedFailures, 4, Duration.ofSeconds(60));
    }

    private static List<String> artistIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("A%021d", i)).toList();
    }

    /** A complete artist snapshot of dt, as extract-artists leaves it. */
    private void snapshot(List<String> ids, String... more) {
        List<String> all = new ArrayList<>(ids);
        all.addAll(List.of(more));
        RawVersion version = artists.startVersion(Instant.now());
        try (PartFileWriter part = new PartFileWriter()) {
            for (String id : all) {
                part.write(json -> json.writeStringField("id", id));
            }
            part.publish(lake, version.key(RawPartition.partFileName(0)));
        }
        artists.commit(version, Map.of(RawPartition.partFileName(0), (long) all.size()), null, Map.of(), List.of(), Instant.now());
    }

    private String currentFolder() {
        return topTracks.current().orElseThrow().folder();
    }

    /** Every object of the lake with its bytes, as text to compare. */
    private Map<String, String> contents() {
        Map<String, String> contents = new TreeMap<>();
        for (String key : lake.keys()) {
            try (InputStream in = lake.open(key).orElseThrow()) {
                contents.put(key, Base64.getEncoder().encodeToString(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contents;
    }

    private static List<JsonNode> lines(RawPartition partition) {
        List<JsonNode> lines = new ArrayList<>();
        partition.forEachLine(lines::add);
        return lines;
    }
}
