package dev.spotifylake.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.curated.Publication;
import dev.spotifylake.flatten.Flattener;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.testing.CrashingObjectStore;
import dev.spotifylake.testing.HeldObjectStore;
import dev.spotifylake.testing.InMemoryObjectStore;
import dev.spotifylake.testing.RawDay;
import dev.spotifylake.testing.SimulatedRaw;

class PublisherTest {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final String CURATED = "curated/top_tracks/dt=2026-11-20/";
    private static final SimulatedRaw SIMULATED = new SimulatedRaw(11, 200);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void theStagedAttemptBecomesTheCuratedPartitionWithItsManifestAndStagingIsCleaned() throws IOException {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        flatten(lake, 3, 40);

        TaskSummary summary = new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(summary.fields()).containsEntry("rows", 1200L).containsEntry("files", 3).containsEntry("schema_version", CuratedTables.TOP_TRACKS.version());
        Pointer manifest = manifest(lake);
        Publication publication = manifest.summary(Publication.class);
        String version = CURATED + manifest.version() + "/";
        assertThat(summary.fields()).containsEntry("location", "s3://test-lake/" + version);
        assertThat(lake.keys()).filteredOn(key -> key.startsWith(CURATED)).containsExactly(
                CURATED + LakePaths.MANIFEST_FILE, version + "part-00000.snappy.parquet",
                version + "part-00001.snappy.parquet", version + "part-00002.snappy.parquet");
        assertThat(lake.keys()).noneMatch(key -> key.startsWith("staging/"));
        assertThat(manifest.retired()).isEmpty();
        assertThat(manifest.rows()).isEqualTo(1200);
        assertThat(publication.recordsIn()).isEqualTo(manifest.rows() + publication.rejects());
        assertThat(manifest.files()).extracting(file -> file.rows()).containsExactly(400L, 400L, 400L);
        assertThat(publication.rawFiles()).extracting(file -> file.file())
                .containsExactlyElementsOf(new RawPartition(lake, Dataset.TOP_TRACKS, DT).partKeys()).hasSize(3);
        for (var file : manifest.files()) {
            assertThat(lake.list(version + file.file())).singleElement().extracting(StoredObject::size).isEqualTo(file.bytes());
        }
    }

    /** Running twice, or flattening the same raw files again in between, publishes nothing new. */
    @ParameterizedTest(name = "flattened again in between: {0}")
    @ValueSource(booleans = {false, true})
    void publishingTheSameDayAgainLeavesTheLakeAsOnce(boolean flattenAgain) {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        flattenAndPublish(lake, 2, 30);
        Map<String, String> once = contents(lake);
        if (flattenAgain) {
            flattener(lake, 2).flatten(DT);
        }

        TaskSummary again = new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);

        assertThat(again.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(again.fields()).containsEntry("already_published", true).containsEntry("rows", 600L);
        assertThat(contents(lake)).isEqualTo(once);
    }

    @Test
    void aNewPublicationGoesToAFolderOfItsOwnAndKeepsTheOldVersionAsRetiredWhileItsRejectsAreReplaced() {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(List.of(SIMULATED.topTracksLine(0, "US"),
                SIMULATED.topTracksLine(1, "US").replace("\"popularity\":", "\"popularity\":\"x\",\"was\":"))));
        flattener(lake, 1).flatten(DT);
        new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);
        String old = manifest(lake).version();
        assertThat(lake.keys()).contains("rejects/top_tracks/dt=2026-11-20/part-00000.json.gz");

        flattenAndPublish(lake, 1, 5);

        Pointer manifest = manifest(lake);
        assertThat(manifest.version()).isNotEqualTo(old);
        assertThat(manifest.retired()).containsExactly(new Pointer.Retired(old, CLOCK.instant()));
        assertThat(lake.keys()).filteredOn(key -> key.startsWith(CURATED)).containsExactlyInAnyOrder(CURATED + LakePaths.MANIFEST_FILE,
                CURATED + manifest.version() + "/part-00000.snappy.parquet", CURATED + old + "/part-00000.snappy.parquet");
        assertThat(lake.keys()).noneMatch(key -> key.startsWith("rejects/"));
        assertThat(manifest.rows()).isEqualTo(50);
    }

    @Test
    void theManifestForgetsRetiredVersionsWhoseFilesAreGone() {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        List<String> published = new ArrayList<>();
        for (int answers = 1; answers <= 3; answers++) {
            published.add(flattenAndPublish(lake, 1, answers));
        }
        lake.delete(lake.keys().stream().filter(key -> key.startsWith(CURATED + published.get(0) + "/")).toList());

        flattenAndPublish(lake, 1, 4);

        assertThat(manifest(lake).retired()).extracting(Pointer.Retired::version)
                .containsExactly(published.get(2), published.get(1));
    }

    @Test
    void nothingStagedAndNothingPublishedIsNothingToDo() {
        TaskSummary summary = new Publisher(new InMemoryObjectStore(), CLOCK).publish(Dataset.ARTISTS, DT);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(summary.fields()).containsEntry("reason", "nothing staged");
    }

    @Test
    void whatToRunWhenNothingIsStagedIsTheTaskThatStagesTheDataset() {
        assertThat(Publisher.stagingTask(Dataset.ARTIST_SIMILARITY)).isEqualTo("compute-artist-similarity");
        assertThat(Publisher.stagingTask(Dataset.AUDIO_FEATURES)).isEqualTo("flatten-to-parquet --dataset audio_features");
    }

    @Test
    void anAttemptMissingFilesIsRefusedBeforeTheCuratedPartitionIsTouched() {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        flattenAndPublish(lake, 1, 5);
        flatten(lake, 2, 10);
        Map<String, String> before = contents(lake);
        String stagedPart = lake.keys().stream().filter(key -> key.startsWith("staging/") && key.endsWith(".parquet")).findFirst().orElseThrow();
        lake.delete(List.of(stagedPart));

        assertThatThrownBy(() -> new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("run flatten-to-parquet --dataset top_tracks for dt=2026-11-20 again");
        assertThat(lake.keys()).filteredOn(key -> key.startsWith(CURATED)).containsExactlyElementsOf(
                before.keySet().stream().filter(key -> key.startsWith(CURATED)).toList());
    }

    /**
     * Kills the task before each of its changes to the lake in turn. Whenever a manifest is there, the version it
     * names holds exactly the files it lists; and the next run always ends with the partition a clean run makes.
     */
    @Test
    void aTaskKilledAtAnyPointLeavesAStateTheNextRunRepairs() {
        InMemoryObjectStore before = previousDayAndNewAttempt();
        InMemoryObjectStore reference = copyOf(before);
        new Publisher(reference, CLOCK).publish(Dataset.TOP_TRACKS, DT);
        Map<String, String> expected = contents(reference);

        CrashingObjectStore counting = new CrashingObjectStore(copyOf(before), Integer.MAX_VALUE);
        new Publisher(counting, CLOCK).publish(Dataset.TOP_TRACKS, DT);
        assertThat(counting.changes()).isGreaterThan(3);

        for (int death = 0; death < counting.changes(); death++) {
            InMemoryObjectStore lake = copyOf(before);
            CrashingObjectStore dying = new CrashingObjectStore(lake, death);
            assertThatThrownBy(() -> new Publisher(dying, CLOCK).publish(Dataset.TOP_TRACKS, DT)).isInstanceOf(CrashingObjectStore.Killed.class);
            assertManifestListsExactlyTheFiles(lake);

            TaskSummary rerun = new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);

            assertThat(rerun.exitCode()).as("re-run after a death before change %d", death).isEqualTo(ExitCode.OK);
            assertThat(contents(lake)).as("lake after a death before change %d", death).isEqualTo(expected);
        }
    }

    @Test
    void aPointerNamingAMissingVersionStopsReadersAndLoadAloneAndIsHealedByReProcessingTheDay() {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        String gone = flattenAndPublish(lake, 2, 10);
        lake.delete(lake.keys().stream().filter(key -> key.startsWith(CURATED + gone + "/")).toList());

        assertNotRetryable(() -> CuratedPartition.published(lake, Dataset.TOP_TRACKS, DT),
                "names version " + gone + ", which is not there; nothing was read. Write the partition again: run "
                        + "flatten-to-parquet --dataset top_tracks --dt 2026-11-20, then load-s3 --dataset top_tracks --dt "
                        + "2026-11-20, then repair-athena-partitions --dt 2026-11-20");
        assertNotRetryable(() -> new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT), "which is not there");

        flattener(lake, 2).flatten(DT);
        TaskSummary republished = new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);

        assertThat(republished.fields()).doesNotContainKey("already_published").containsEntry("rows", 200L);
        assertThat(CuratedPartition.published(lake, Dataset.TOP_TRACKS, DT).orElseThrow().pointer().version()).isNotEqualTo(gone);
    }

    @Test
    void withThePointerLostLoadPublishesANewVersionAndKeepsTheFolderTheCatalogMayStillRead() {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        String read = flattenAndPublish(lake, 1, 5);
        lake.delete(List.of(CURATED + LakePaths.MANIFEST_FILE));

        flattenAndPublish(lake, 2, 5);

        assertThat(lake.keys()).contains(CURATED + read + "/part-00000.snappy.parquet");
        assertThat(manifest(lake).retired()).containsExactly(new Pointer.Retired(read, CLOCK.instant()));
    }

    @Test
    void anUnparsablePointerDoesNotStopLoadFromPublishingOverIt() {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        flattenAndPublish(lake, 1, 5);
        lake.put(CURATED + LakePaths.MANIFEST_FILE, "{\"version\": \"_v-".getBytes(StandardCharsets.UTF_8));
        flattener(lake, 1).flatten(DT);

        TaskSummary summary = new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(CuratedPartition.published(lake, Dataset.TOP_TRACKS, DT).orElseThrow().pointer().rows()).isEqualTo(50);
    }

    @Test
    void aReaderRefusesAPointerWhoseFileListWasCutAndAFileWhoseRowsDoNotMatch() throws IOException {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        flattenAndPublish(lake, 3, 10);
        Pointer whole = manifest(lake);
        lake.put(CURATED + LakePaths.MANIFEST_FILE, LakeJson.JSON.writeValueAsBytes(new Pointer(whole.dataset(), whole.dt(),
                whole.version(), whole.writtenAt(), whole.files().subList(0, 1), null, whole.summary(), whole.retired())));

        assertNotRetryable(() -> CuratedPartition.published(lake, Dataset.TOP_TRACKS, DT), "lists 1 files of version");

        List<Pointer.VersionFile> miscounted = new ArrayList<>(whole.files());
        miscounted.set(1, new Pointer.VersionFile(miscounted.get(1).file(), 7, miscounted.get(1).bytes()));
        lake.put(CURATED + LakePaths.MANIFEST_FILE, LakeJson.JSON.writeValueAsBytes(new Pointer(whole.dataset(), whole.dt(),
                whole.version(), whole.writtenAt(), miscounted, null, whole.summary(), whole.retired())));
        List<Object> rows = new ArrayList<>();

        assertNotRetryable(() -> CuratedPartition.published(lake, Dataset.TOP_TRACKS, DT).orElseThrow().forEachRow(rows::add),
                "part-00001.snappy.parquet holds 100 rows where the partition's pointer says 7");
        assertThat(rows).as("the rows of the first file, before the second was opened").hasSize(100);
    }

    /** Two loads of one attempt: one stops before its second copy while the other publishes and cleans staging. */
    @Test
    void twoLoadsAtOnceEndWithExit0AndOneVersion() throws Exception {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        flatten(lake, 2, 10);
        HeldObjectStore held = new HeldObjectStore(lake, key -> key.startsWith(CURATED) && key.endsWith("/part-00001.snappy.parquet"));
        CompletableFuture<TaskSummary> loser = CompletableFuture.supplyAsync(() -> new Publisher(held, CLOCK).publish(Dataset.TOP_TRACKS, DT));
        held.awaitHeld();

        TaskSummary winner = new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);
        held.release();

        assertThat(winner.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(loser.get().exitCode()).isEqualTo(ExitCode.OK);
        assertThat(loser.get().fields()).containsEntry("already_published", true).containsEntry("version", winner.fields().get("version"));
        assertThat(CuratedPartition.published(lake, Dataset.TOP_TRACKS, DT).orElseThrow().pointer().rows()).isEqualTo(200);
    }

    // ---- helpers

    /** Yesterday's publication of this dt (4 files) and a new complete attempt (2 files) in staging. */
    private static InMemoryObjectStore previousDayAndNewAttempt() {
        InMemoryObjectStore lake = new InMemoryObjectStore();
        flattenAndPublish(lake, 4, 8);
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(SIMULATED.topTracksLines(0, 6, "US"), SIMULATED.topTracksLines(6, 12, "GB")));
        flattener(lake, 2).flatten(DT);
        return lake;
    }

    /** A raw day of {@code parts} parts of {@code answersPerPart} answers, flattened into one file per part. */
    private static void flatten(ObjectStore lake, int parts, int answersPerPart) {
        List<List<String>> lines = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            lines.add(SIMULATED.topTracksLines(part * answersPerPart, (part + 1) * answersPerPart, "US"));
        }
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, lines);
        flattener(lake, parts).flatten(DT);
    }

    /** Flattens and publishes a day of top tracks; answers the version published. */
    private static String flattenAndPublish(ObjectStore lake, int parts, int answersPerPart) {
        flatten(lake, parts, answersPerPart);
        new Publisher(lake, CLOCK).publish(Dataset.TOP_TRACKS, DT);
        return manifest(lake).version();
    }

    private static Flattener flattener(ObjectStore lake, int threads) {
        return new Flattener(lake, CuratedTables.TOP_TRACKS, new Flattener.Settings(threads, ParquetLayout.DEFAULT),
                Clock.systemUTC());
    }

    private static void assertNotRetryable(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TaskException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE)).hasMessageContaining(message);
    }

    private static void assertManifestListsExactlyTheFiles(InMemoryObjectStore lake) {
        if (lake.open(CURATED + LakePaths.MANIFEST_FILE).isEmpty()) {
            return;
        }
        Pointer manifest = manifest(lake);
        String version = CURATED + manifest.version() + "/";
        List<String> listed = manifest.files().stream().map(file -> version + file.file()).toList();
        assertThat(lake.keys()).filteredOn(key -> key.startsWith(version)).containsExactlyInAnyOrderElementsOf(listed);
    }

    private static Pointer manifest(ObjectStore lake) {
        try (InputStream in = lake.open(CURATED + LakePaths.MANIFEST_FILE).orElseThrow()) {
            return LakeJson.JSON.readValue(in, Pointer.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key with a digest of its bytes: equal maps, equal lakes. */
    private static Map<String, String> contents(InMemoryObjectStore lake) {
        Map<String, String> contents = new TreeMap<>();
        for (String key : lake.keys()) {
            contents.put(key, HexFormat.of().formatHex(sha256(bytes(lake, key))));
        }
        return contents;
    }

    private static InMemoryObjectStore copyOf(InMemoryObjectStore lake) {
        InMemoryObjectStore copy = new InMemoryObjectStore();
        lake.keys().forEach(key -> copy.put(key, bytes(lake, key)));
        return copy;
    }

    private static byte[] bytes(ObjectStore lake, String key) {
        try (InputStream in = lake.open(key).orElseThrow()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
