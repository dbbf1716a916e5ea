package dev.spotifylake.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.LateSnapshots;
import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.Secret;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.reccobeats.ReccoBeatsClient;
import dev.spotifylake.reccobeats.ReccoBeatsSettings;
import dev.spotifylake.spotify.RateLimiter;
import dev.spotifylake.spotify.RetrySettings;
import dev.spotifylake.spotify.SpotifyClient;
import dev.spotifylake.spotify.SpotifyClientSettings;
import dev.spotifylake.spotify.TimeSource;
import dev.spotifylake.testing.FakeReccoBeatsApi;
import dev.spotifylake.testing.FakeSpotifyApi;
import dev.spotifylake.testing.InMemoryObjectStore;
import dev.spotifylake.testing.Logged;

/** Both fetches from ReccoBeats, and --source: what each source writes, and that a partition never mixes them. */
class ReccoBeatsFetchTest {
    private static final LocalDate DT = LocalDate.now(ZoneOffset.UTC);
    private static final List<String> MARKETS = List.of("US", "SE");

    private final InMemoryObjectStore lake = new InMemoryObjectStore();
    private final FakeSpotifyApi spotify = new FakeSpotifyApi();
    private final FakeReccoBeatsApi reccoBeats = new FakeReccoBeatsApi();
    private final RawPartition artists = new RawPartition(lake, Dataset.ARTISTS, DT);
    private final RawPartition topTracks = new RawPartition(lake, Dataset.TOP_TRACKS, DT);
    private final RawPartition audioFeatures = new RawPartition(lake, Dataset.AUDIO_FEATURES, DT);
    private final AtomicInteger spotifyClients = new AtomicInteger();

    @Test
    void artistsAreLookedUpFortyARequestMatchedByHrefAndEveryPageOfTheirTracksIsKept() {
        List<String> ids = artistIds(90);
        reccoBeats.unknown(ids.get(41));
        reccoBeats.tracksPerArtist(id -> id.equals(ids.get(5)) ? 120 : 7);
        snapshot(ids);

        TaskSummary summary = fetchTracks(SourceChoice.RECCOBEATS, 20, 0);

        assertThat(summary.fields()).containsEntry("source", "reccobeats").containsEntry("artists", 90)
                .containsEntry("artists_found", 89).containsEntry("pages", 91L).containsEntry("tracks", 120L + 88 * 7)
                .containsEntry("artists_truncated", 0L).containsEntry("failures", 1);
        assertThat(spotifyClients).hasValue(0);
        assertThat(spotify.requests()).isEmpty();
        List<String> lookups = reccoBeats.requests().stream().filter(path -> path.startsWith("/v1/artist?")).toList();
        assertThat(lookups).hasSize(3).allSatisfy(path -> assertThat(path.split(",").length).isLessThanOrEqualTo(40));
        List<JsonNode> lines = lines(topTracks);
        assertThat(lines).filteredOn(line -> line.path("endpoint").asText().equals("artist")).hasSize(3)
                .allSatisfy(line -> assertThat(line.path("body").path("content").size())
                        .isEqualTo(line.path("ids").size() - (contains(line.path("ids"), ids.get(41)) ? 1 : 0)));
        List<JsonNode> pages = lines.stream().filter(line -> line.path("endpoint").asText().equals("artist/track")).toList();
        assertThat(pages).allSatisfy(line -> {
            String artist = line.path("artist_id").asText();
            assertThat(line.path("reccobeats_id").asText()).isEqualTo(FakeReccoBeatsApi.reccoBeatsId(artist));
            assertThat(line.path("request").path("path").asText()).isEqualTo("/v1/artist/"
                    + FakeReccoBeatsApi.reccoBeatsId(artist) + "/track?page=" + line.path("page").asInt() + "&size=50");
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.path("body").path("content").get(0).path("artists").get(0).path("href").asText())
                    .isEqualTo("https://open.spotify.com/artist/" + artist);
        });
        assertThat(pages).filteredOn(line -> line.path("artist_id").asText().equals(ids.get(5)))
                .extracting(line -> line.path("page").asInt()).containsExactly(0, 1, 2);
        JsonNode failure = topTracks.current().orElseThrow().failures().get(0);
        assertThat(failure.path("artist_id").asText()).isEqualTo(ids.get(41));
        assertThat(failure.path("reason").asText()).isEqualTo("not found at ReccoBeats");
        JsonNode manifest = topTracks.current().orElseThrow().summary();
        assertThat(topTracks.current().orElseThrow().pointer().orElseThrow().source()).isEqualTo("reccobeats");
        assertThat(manifest.path("input").path("markets")).extracting(JsonNode::asText).containsExactly("US", "SE");
    }

    @Test
    void pagesPastTheBoundAreLeftOutLoggedAndCounted() {
        List<String> ids = artistIds(3);
        reccoBeats.tracksPerArtist(id -> id.equals(ids.get(1)) ? 260 : 10);
        snapshot(ids);

        TaskSummary summary = fetchTracks(SourceChoice.RECCOBEATS, 2, 0);

        assertThat(summary.fields()).containsEntry("artists_truncated", 1L).containsEntry("pages", 4L)
                .containsEntry("tracks", 120L);
        assertThat(reccoBeats.requests()).filteredOn(path -> path.contains(FakeReccoBeatsApi.reccoBeatsId(ids.get(1))))
                .containsExactly("/v1/artist/" + FakeReccoBeatsApi.reccoBeatsId(ids.get(1)) + "/track?page=0&size=50",
                        "/v1/artist/" + FakeReccoBeatsApi.reccoBeatsId(ids.get(1)) + "/track?page=1&size=50");
    }

    @Test
    void anArtistWhosePageFailsIsLeftOutWholeAndAKilledRunResumesWithoutAskingAgain() {
        List<String> ids = artistIds(60);
        reccoBeats.tracksPerArtist(id -> 75);
        snapshot(ids);
        String failingArtist = FakeReccoBeatsApi.reccoBeatsId(ids.get(50));
        reccoBeats.failingWith(503, path -> path.contains(failingArtist) && path.contains("page=1"));

        assertThatThrownBy(() -> fetchTracks(SourceChoice.RECCOBEATS, 20, 0))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE));
        assertThat(topTracks.complete()).isEmpty();
        int firstRun = reccoBeats.requests().size();

        TaskSummary allowed = fetchTracks(SourceChoice.RECCOBEATS, 20, 1);

        List<String> secondRun = reccoBeats.requests().subList(firstRun, reccoBeats.requests().size());
        assertThat(secondRun).as("lookups and the artists of finished parts are not asked again")
                .noneMatch(path -> path.startsWith("/v1/artist?"))
                .allMatch(path -> ids.subList(10 * (50 / 10), 60).stream().map(FakeReccoBeatsApi::reccoBeatsId)
                        .anyMatch(path::contains));
        assertThat(allowed.fields()).containsEntry("failures", 1);
        assertThat(lines(topTracks)).filteredOn(line -> line.path("artist_id").asText().equals(ids.get(50))).isEmpty();
        JsonNode failure = topTracks.current().orElseThrow().failures().get(0);
        assertThat(failure.path("artist_id").asText()).isEqualTo(ids.get(50));
        assertThat(failure.path("status").asInt()).isEqualTo(503);
    }

    @Test
    void autoTakesTheWholeDayFromReccoBeatsWhenSpotifyRefusesTopTracks() {
        snapshot(artistIds(12));
        spotify.forbidden();

        Logged<TaskSummary> run = Logged.during(() -> fetchTracks(SourceChoice.AUTO, 20, 0));
        TaskSummary summary = run.result();

        assertThat(run.warnings()).singleElement().asString().contains("403 Forbidden to GET /v1/artists/{id}/top-tracks",
                "Development Mode", "from ReccoBeats instead (--source auto)", "With Extended Quota Mode the app would get");
        assertThat(summary.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(summary.fields()).containsEntry("source", "reccobeats");
        assertThat(spotify.requests().size()).isBetween(1, 4);
        assertThat(lines(topTracks)).allSatisfy(line -> assertThat(line.path("request").path("path").asText())
                .doesNotContain("top-tracks"));
        assertThat(fetchTracks(SourceChoice.AUTO, 20, 0).fields()).containsEntry("already_complete", true)
                .containsEntry("source", "reccobeats");
    }

    @Test
    void autoWithSpotifyPermittedFetchesFromSpotifyAsBefore() {
        snapshot(artistIds(4));

        TaskSummary summary = fetchTracks(SourceChoice.AUTO, 20, 0);

        assertThat(summary.fields()).containsEntry("source", "spotify").containsEntry("responses", 8L);
        assertThat(reccoBeats.requests()).isEmpty();
        assertThat(topTracks.current().orElseThrow().pointer().orElseThrow().source()).isEqualTo("spotify");
    }

    @Test
    void aVersionBegunWithSpotifyAnswersNeverGetsReccoBeatsLines() {
        List<String> ids = artistIds(30);
        snapshot(ids);
        spotify.failingWith(503, path -> path.contains(ids.get(25)));
        assertThatThrownBy(() -> fetchTracks(SourceChoice.SPOTIFY, 20, 0)).isInstanceOf(TaskException.class);
        RawVersion begun = topTracks.newestVersion().orElseThrow();
        assertThat(begun.partKeys()).isNotEmpty();
        spotify.forbidden();

        fetchTracks(SourceChoice.AUTO, 20, 0);

        assertThat(topTracks.current().orElseThrow().folder()).isNotEqualTo(begun.folder());
        assertThat(lines(topTracks)).isNotEmpty().allSatisfy(line -> assertThat(line.has("endpoint")).isTrue());
        assertThat(lines(topTracks)).noneMatch(line -> line.path("request").path("path").asText().contains("top-tracks"));
    }

    @Test
    void aKilledReccoBeatsRunIsResumedByAutoWithoutMixingAndAForceStartsAfresh() {
        List<String> ids = artistIds(60);
        snapshot(ids);
        spotify.forbidden();
        reccoBeats.failingWith(503, path -> path.contains(FakeReccoBeatsApi.reccoBeatsId(ids.get(55))));
        assertThatThrownBy(() -> fetchTracks(SourceChoice.AUTO, 20, 0)).isInstanceOf(TaskException.class);
        RawVersion begun = topTracks.newestVersion().orElseThrow();
        reccoBeats.failingWith(503, path -> false);
        int before = reccoBeats.requests().size();

        fetchTracks(SourceChoice.AUTO, 20, 0);

        assertThat(topTracks.current().orElseThrow().folder()).isEqualTo(begun.folder());
        assertThat(reccoBeats.requests().subList(before, reccoBeats.requests().size())).hasSize(10);
        String resumed = topTracks.current().orElseThrow().folder();

        TaskSummary forced = fetch(SourceChoice.AUTO, true, 20, 0);

        assertThat(forced.fields()).containsEntry("source", "reccobeats").containsEntry("parts_fetched_now", 2 + 6);
        assertThat(topTracks.current().orElseThrow().folder()).isNotEqualTo(resumed);
    }

    @Test
    void audioFeaturesAreAskedForTheRankedTopTracksFortyAtATimeAndUnknownTracksAreCounted() {
        List<String> ids = artistIds(8);
        reccoBeats.tracksPerArtist(id -> 40);
        snapshot(ids);
        fetchTracks(SourceChoice.RECCOBEATS, 20, 0);
        TreeSet<String> expected = new TreeSet<>();
        ids.forEach(artist -> MARKETS.forEach(market -> reccoBeats.tracksOf(artist).stream()
                .filter(track -> FakeReccoBeatsApi.countries(track).contains(market))
                .sorted(Comparator.comparingInt(FakeReccoBeatsApi::popularity).reversed().thenComparing(track -> track))
                .limit(10).forEach(expected::add)));
        String unknown = expected.first();
        reccoBeats.unknown(unknown);

        TaskSummary summary = fetchAudioFeatures(SourceChoice.RECCOBEATS);

        assertThat(summary.fields()).containsEntry("source", "reccobeats").containsEntry("track_ids", expected.size())
                .containsEntry("audio_features", (long) expected.size() - 1).containsEntry("not_found", 1L);
        List<JsonNode> lines = lines(audioFeatures);
        assertThat(lines).hasSize((expected.size() + 39) / 40);
        List<String> asked = new ArrayList<>();
        lines.forEach(line -> line.path("ids").forEach(id -> asked.add(id.asText())));
        assertThat(asked).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines).allSatisfy(line -> assertThat(line.path("request").path("path").asText())
                .startsWith("/v1/audio-features?ids="));
        assertThat(audioFeatures.current().orElseThrow().pointer().orElseThrow().source())
                .isEqualTo("reccobeats");
    }

    @Test
    void audioFeaturesOfSpotifyTopTracksComeFromReccoBeatsWhenSpotifyRefusesThem() {
        List<String> ids = artistIds(30);
        snapshot(ids);
        fetchTracks(SourceChoice.SPOTIFY, 20, 0);
        spotify.forbidden();

        TaskSummary summary = fetchAudioFeatures(SourceChoice.AUTO);

        assertThat(summary.fields()).containsEntry("source", "reccobeats").containsEntry("track_ids", 60)
                .containsEntry("audio_features", 60L).containsEntry("not_found", 0L);
        assertThat(lines(audioFeatures)).extracting(line -> line.path("ids").size()).containsExactlyInAnyOrder(40, 20);
    }

    @Test
    void anAudioFeaturesAnswerCountsEachAskedIdOnceWhateverElseItHolds() {
        String known = "3n3Ppam7vgaVa1iaRUc9Lp";
        String unknown = "0eGsygTp906u18L0Oimnem";
        FetchCall call = new FetchCall("audio-features?ids=" + known + "," + unknown, Map.of("ids", List.of(known, unknown)),
                List.of(Map.of("track_id", known), Map.of("track_id", unknown)));
        String body = "{\"content\":[" + featuresOf("7ouMYWpwJ422jRcDASZB7P") + "," + featuresOf(known) + ","
                + featuresOf(known) + "]}";

        Map<String, Long> counts = new AudioFeaturesJob(topTracks, 50, false, Source.RECCOBEATS).count(call,
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(counts).as("what flatten-to-parquet reconciles its records with").isEqualTo(
                Map.of("audio_features", 1L, "not_found", 1L));
    }

    private static String featuresOf(String trackId) {
        return "{\"id\":\"" + FakeReccoBeatsApi.reccoBeatsId(trackId) + "\",\"href\":\"https://open.spotify.com/track/"
                + trackId + "\",\"danceability\":0.5}";
    }

    private TaskSummary fetchTracks(SourceChoice choice, int maxPages, int allowedFailures) {
        return fetch(choice, false, maxPages, allowedFailures);
    }

    private TaskSummary fetch(SourceChoice choice, boolean force, int maxPages, int allowedFailures) {
        RawFetch.Settings settings = new RawFetch.Settings(force, new LateSnapshots(7, Clock.systemUTC()), allowedFailures, 3, Duration.ofSeconds(60));
        DayArtists day = new DayArtists(artists, MARKETS, 10);
        return new SourcedFetch(choice,
                () -> new RawFetch("fetch-tracks-raw-json", new TopTracksJob(day), topTracks, settings)
                        .run(this::spotifyClient),
                () -> new RawFetch("fetch-tracks-raw-json", new ReccoBeatsTopTracksJob(day, maxPages), topTracks, settings)
                        .run(this::reccoBeatsClient),
                "Spotify's top tracks").run();
    }

    private TaskSummary fetchAudioFeatures(SourceChoice choice) {
        RawFetch.Settings settings = new RawFetch.Settings(false, new LateSnapshots(7, Clock.systemUTC()), 0, 3, Duration.ofSeconds(60));
        return new SourcedFetch(choice,
                () -> new RawFetch("fetch-audio-features-raw-json", new AudioFeaturesJob(topTracks, 50, false,
                        Source.SPOTIFY), audioFeatures, settings).run(this::spotifyClient),
                () -> new RawFetch("fetch-audio-features-raw-json", new AudioFeaturesJob(topTracks, 50, false,
                        Source.RECCOBEATS), audioFeatures, settings).run(this::reccoBeatsClient),
                "Spotify's audio features").run();
    }

    private SpotifyClient spotifyClient() {
        spotifyClients.incrementAndGet();
        SpotifyClientSettings settings = new SpotifyClientSettings(URI.create("http://spotify.test/v1"),
                URI.create("http://spotify.test"), "id", new Secret("secret"), 2, Duration.ofSeconds(5),
                Duration.ofMillis(1), Duration.ofMillis(2));
        return new SpotifyClient(settings, spotify, RateLimiter.unlimited(TimeSource.system()), TimeSource.system(), Math::random);
    }

    private ReccoBeatsClient reccoBeatsClient() {
        ReccoBeatsSettings settings = new ReccoBeatsSettings(URI.create("http://reccobeats.test/v1"), "spotify-lake/test",
                new RetrySettings(2, Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(2)));
        return new ReccoBeatsClient(settings, reccoBeats, RateLimiter.unlimited(TimeSource.system()), TimeSource.system(),
                Math::random);
    }

    private static List<String> artistIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("A%021d", i)).toList();
    }

    private void snapshot(List<String> ids) {
        RawVersion version = artists.startVersion(Instant.now());
        try (PartFileWriter part = new PartFileWriter()) {
            for (String id : ids) {
                part.write(json -> json.writeStringField("id", id));
            }
            part.publish(lake, version.key(RawPartition.partFileName(0)));
        }
        artists.commit(version, Map.of(RawPartition.partFileName(0), (long) ids.size()), null, Map.of(), List.of(),
                Instant.now());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> lines(RawPartition partition) {
        List<JsonNode> lines = new ArrayList<>();
        partition.forEachLine(lines::add);
        return lines;
    }
}
