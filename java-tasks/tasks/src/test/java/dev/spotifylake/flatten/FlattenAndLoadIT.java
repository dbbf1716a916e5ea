package dev.spotifylake.flatten;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.simulator.catalog.Artist;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.LakeReader;
import dev.spotifylake.testing.RawDay;
import dev.spotifylake.testing.SimulatedRaw;
import dev.spotifylake.testing.TrinoSession;
import dev.spotifylake.testing.Options;

/** flatten-to-parquet and load-s3 on the local S3, with raw days shaped by the Spotify simulator's catalog. */
class FlattenAndLoadIT {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final String CURATED_TRACKS = "curated/top_tracks/dt=2026-11-20/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The datasets with raw data: artist_similarity is derived from them, by its own task. */
    private static final List<Dataset> FLATTENED = Arrays.stream(Dataset.values()).filter(dataset -> !dataset.derived()).toList();

    private final SimulatedRaw simulated = new SimulatedRaw(3, 1000);
    @RegisterExtension
    final FreshLake freshLake = new FreshLake("flatten-load");
    private final Map<String, String> stack = freshLake.environment();
    private final LakeConnection lake = Options.parse(new LakeOptions(), stack).connect();

    @AfterEach
    void close() {
        lake.close();
    }

    @Test
    void simulatedRawDaysBecomeCuratedPartitionsThatTrinoCountsAsTheirManifestsSay() throws Exception {
        writeRawDays(300);

        JarProcess flatten = JarProcess.start(stack, List.of("-Xmx128m"), "flatten-to-parquet", "--dataset", "top_tracks",
                "--dt", DT.toString());
        assertThat(flatten.waitFor(120)).as("the jar, without Hadoop on its class path; stderr:%n%s", flatten.err()).isZero();
        assertThat(JSON.readTree(flatten.out()).path("rows").asLong()).isEqualTo(3000);
        Cli.run(stack, "flatten-to-parquet", "--dataset", "audio_features", "--dt", DT.toString()).ok();
        Cli.run(stack, "flatten-to-parquet", "--dataset", "artists", "--dt", DT.toString()).ok();
        for (Dataset dataset : FLATTENED) {
            Cli.run(stack, "load-s3", "--dataset", dataset.folder(), "--dt", DT.toString()).ok();
        }

        JsonNode tracks = manifest(Dataset.TOP_TRACKS);
        JsonNode features = manifest(Dataset.AUDIO_FEATURES);
        assertThat(tracks.path("rows").asLong()).isEqualTo(3000);
        assertThat(features.path("summary").path("records_in").asLong())
                .isEqualTo(features.path("rows").asLong() + features.path("summary").path("rejects").asLong());
        assertThat(features.path("summary").path("rejects").asLong()).as("the unknown ids and the tracks without features")
                .isEqualTo(rawManifest(Dataset.AUDIO_FEATURES).path("summary").path("counts").path("null_entries").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(lake.store().list("staging/")).isEmpty();

        try (TrinoSession trino = TrinoSession.open(stack)) {
            String schema = trino.createSchema("flatten");
            Map<String, String> engine = new HashMap<>(stack);
            engine.put("TRINO_URL", trino.url(schema));
            Cli.run(engine, "repair-athena-partitions", "--dt", DT.toString()).ok();
            for (Dataset dataset : FLATTENED) {
                assertThat(trino.number("SELECT count(*) FROM " + schema + "." + dataset.folder() + " WHERE dt = '" + DT + "'"))
                        .as(dataset.folder()).isEqualTo(manifest(dataset).path("rows").asLong());
            }
            String firstTrack = simulated.topTrackIds(0, "US").get(0);
            assertThat(trino.rows("SELECT rank, CAST(fetched_at AS varchar), artist_id FROM " + schema
                    + ".top_tracks WHERE track_id = '" + firstTrack + "' AND market = 'US'"))
                    .containsExactly(List.of(1, "2026-11-20 08:00:01.123", simulated.catalog().artistId(0)));
            assertThat(trino.rows("SELECT DISTINCT typeof(instrumentalness) FROM " + schema + ".audio_features"))
                    .containsExactly(List.of("double"));
            assertThat(trino.number("SELECT count(*) FROM " + schema + ".audio_features WHERE instrumentalness = 0"))
                    .as("whole numbers that came as JSON integers").isPositive();
        }
    }

    @Test
    void flatteningAndLoadingTwiceLeavesTheLakeAsOnce() throws Exception {
        writeRawDays(50);
        try (LakeReader reader = new LakeReader(stack)) {
            flattenAndLoad();
            Map<String, String> once = reader.contents();

            flattenAndLoad();

            assertThat(reader.contents()).isEqualTo(once);
        }
    }

    @Test
    void aLoadKilledMidwayLeavesTheOldVersionCurrentAndTheNextRunFinishesIt() throws Exception {
        RawDay.write(lake.store(), Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(0, 20, "US")));
        Cli.run(stack, "flatten-to-parquet", "--dataset", "top_tracks", "--dt", DT.toString()).ok();
        Cli.run(stack, "load-s3", "--dataset", "top_tracks", "--dt", DT.toString()).ok();
        JsonNode old = manifest(Dataset.TOP_TRACKS);
        RawDay.write(lake.store(), Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(20, 80, "US"), simulated.topTracksLines(80, 140, "US")));
        // many small files make the publication long enough to be killed in the middle of it
        Cli.run(stack, "flatten-to-parquet", "--dataset", "top_tracks", "--dt", DT.toString(), "--rows-per-file", "20").ok();

        JarProcess load = JarProcess.start(stack, List.of(), "load-s3", "--dataset", "top_tracks", "--dt", DT.toString());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (curatedParts().size() < 8 && load.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(load.isAlive()).as("load-s3 is still copying when it is killed; stderr:%n%s", load.err()).isTrue();
        load.kill();
        assertThat(manifest(Dataset.TOP_TRACKS)).as("the manifest names the old version while the new one is copied").isEqualTo(old);
        assertThat(curatedParts(old)).hasSize(1);

        Cli.run(stack, "load-s3", "--dataset", "top_tracks", "--dt", DT.toString()).ok();

        JsonNode manifest = manifest(Dataset.TOP_TRACKS);
        assertThat(manifest.path("rows").asLong()).isEqualTo(1200);
        List<String> listed = new ArrayList<>();
        manifest.path("files").forEach(file -> listed.add(versionFolder(manifest) + file.path("file").asText()));
        assertThat(listed).hasSize(60);
        assertThat(curatedParts(manifest)).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(manifest.path("retired").get(0).path("version").asText()).isEqualTo(old.path("version").asText());
        assertThat(lake.store().list("staging/")).isEmpty();
    }

    // ---- helpers

    /** Top tracks of {@code artists} artists in two markets, their audio features (and two unknown ids), artists. */
    private void writeRawDays(int artists) {
        List<String> us = simulated.topTracksLines(0, artists / 2, "US");
        List<String> se = simulated.topTracksLines(artists / 2, artists, "SE");
        RawDay.write(lake.store(), Dataset.TOP_TRACKS, DT, List.of(us, se));
        List<String> ids = new ArrayList<>();
        for (int artist = 0; artist < 20; artist++) {
            ids.addAll(simulated.topTrackIds(artist, "US"));
        }
        ids.add(5, "0000000000000000000000");
        ids.add("1111111111111111111111");
        List<String> features = List.of(simulated.audioFeaturesLine(ids.subList(0, 100)),
                simulated.audioFeaturesLine(ids.subList(100, ids.size())));
        RawDay.write(lake.store(), Dataset.AUDIO_FEATURES, DT, List.of(features));
        List<String> artistLines = new ArrayList<>();
        for (int artist = 0; artist < artists; artist++) {
            Artist a = simulated.catalog().artist(artist);
            artistLines.add(jsonLine(Map.of("id", a.id(), "name", a.name(), "popularity", a.popularity(), "url", a.url(),
                    "genres", a.genres(), "extracted_at", "2026-11-20T00:00:00.000Z")));
        }
        RawDay.write(lake.store(), Dataset.ARTISTS, DT, List.of(artistLines));
    }

    private void flattenAndLoad() {
        for (Dataset dataset : FLATTENED) {
            Cli.run(stack, "flatten-to-parquet", "--dataset", dataset.folder(), "--dt", DT.toString()).ok();
            Cli.run(stack, "load-s3", "--dataset", dataset.folder(), "--dt", DT.toString()).ok();
        }
    }

    private List<String> curatedParts() {
        return lake.store().list(CURATED_TRACKS).stream().map(StoredObject::key)
                .filter(key -> !key.endsWith(LakePaths.MANIFEST_FILE)).toList();
    }

    /** The files of the version a manifest names. */
    private List<String> curatedParts(JsonNode manifest) {
        return lake.store().list(versionFolder(manifest)).stream().map(StoredObject::key).toList();
    }

    private static String versionFolder(JsonNode manifest) {
        return CURATED_TRACKS + manifest.path("version").asText() + "/";
    }

    private JsonNode manifest(Dataset dataset) throws Exception {
        return readJson(LakePaths.partition(Zone.CURATED, dataset, DT) + LakePaths.MANIFEST_FILE);
    }

    private JsonNode rawManifest(Dataset dataset) throws Exception {
        return readJson(LakePaths.partition(Zone.RAW, dataset, DT) + LakePaths.MANIFEST_FILE);
    }

    private JsonNode readJson(String key) throws Exception {
        try (InputStream in = lake.store().open(key).orElseThrow()) {
            return JSON.readTree(in);
        }
    }

    private static String jsonLine(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
