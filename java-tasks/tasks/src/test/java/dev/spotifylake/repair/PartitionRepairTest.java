package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.curated.Publication;
import dev.spotifylake.engine.CatalogTable;
import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.VersionedPartition;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.testing.CatalogModel;
import dev.spotifylake.testing.CrashingObjectStore;
import dev.spotifylake.testing.CrashingQueryEngine;
import dev.spotifylake.testing.InMemoryObjectStore;
import dev.spotifylake.testing.RawDay;

class PartitionRepairTest {
    private static final LocalDate DT = LocalDate.parse("2026-11-20");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TRACKS = "s3://test-lake/curated/top_tracks/dt=2026-11-20/";
    private static final String MOVES = "_catalog/spotify_lake/moves/";

    private static final List<String> SHORT_NAMES = List.of("a", "b", "c", "d", "recent", "w", "x", "y", "z");

    private final InMemoryObjectStore lake = new InMemoryObjectStore();

    @Test
    void theSchemaAndTheTablesOfEveryDatasetAreCreatedBeforeAnythingIsRegisteredAndADerivedOneHasNoRawTable() {
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        repair(athena, List.of(Dataset.values()), RepairMode.ADD);

        assertThat(athena.statements("schema")).containsExactly("CREATE DATABASE IF NOT EXISTS `spotify_lake`");
        assertThat(athena.statements("execute")).extracting(PartitionRepairTest::tableCreated).containsExactly(
                "artists", "raw_artists", "top_tracks", "raw_top_tracks", "audio_features", "raw_audio_features",
                "artist_similarity");
    }

    @Test
    void aCompleteDerivedDatasetGetsItsCuratedPartitionRegisteredAlone() {
        publish(Dataset.ARTIST_SIMILARITY, DT, "a", List.of());
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = repair(athena, List.of(Dataset.ARTIST_SIMILARITY), RepairMode.ADD);

        assertThat(athena.statements("partition")).containsExactly(
                "ALTER TABLE `spotify_lake`.`artist_similarity` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') "
                        + "LOCATION 's3://test-lake/curated/artist_similarity/dt=2026-11-20/" + v("a") + "/'");
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void aPublishedDatasetIsRegisteredAtItsCurrentVersionAndItsRawFolderAndTheSummarySaysWhatTheCatalogReads() {
        publish(Dataset.TOP_TRACKS, DT, "b", List.of());
        String raw = writeRaw("top_tracks");
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = repair(athena, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(athena.statements("partition")).containsExactly(
                "ALTER TABLE `spotify_lake`.`top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') LOCATION '" + TRACKS + v("b") + "/'",
                "ALTER TABLE `spotify_lake`.`raw_top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') "
                        + "LOCATION '" + raw + "'");
        assertThat(report.registered()).extracting(entry -> entry.get("table") + " " + entry.get("action") + " " + entry.get("location"))
                .containsExactly("top_tracks registered " + TRACKS + v("b"), "raw_top_tracks registered " + raw.substring(0, raw.length() - 1));
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void trinoRegistersTheSamePartitionsWithItsProcedure() {
        publish(Dataset.ARTISTS, DT, "a", List.of());
        writeRaw("artists");
        RecordingQueryEngine trino = new RecordingQueryEngine(Dialect.TRINO);

        repair(trino, List.of(Dataset.ARTISTS), RepairMode.ADD);

        assertThat(trino.statements("partition")).first().asString()
                .startsWith("CALL system.register_partition(")
                .contains("table_name => 'artists'", "partition_values => ARRAY['2026-11-20']",
                        "location => 's3://test-lake/curated/artists/dt=2026-11-20/" + v("a") + "'");
    }

    @Test
    void trinoMovesAPartitionWithItsTwoProceduresAndThenPublishesTheMoveToReaders() {
        publish(Dataset.TOP_TRACKS, DT, "b", List.of());
        RecordingQueryEngine trino = new RecordingQueryEngine(Dialect.TRINO,
                new CatalogModel().withPartition("top_tracks", DT.toString(), "s3://elsewhere/top_tracks/dt=2026-11-20"));

        repair(trino, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(trino.statements()).filteredOn(statement -> statement.matches("(?s)(partition|publish): CALL .*"))
                .extracting(statement -> statement.substring(0, statement.indexOf('(')))
                .containsExactly("partition: CALL system.unregister_partition", "partition: CALL system.register_partition",
                        "publish: CALL system.flush_metadata_cache");
        assertThat(trino.statements("publish")).singleElement().asString()
                .contains("table_name => 'top_tracks'", "partition_values => ARRAY['2026-11-20']");
    }

    @Test
    void aPartitionRegisteredAtAWrongLocationIsMovedToTheCurrentVersion() {
        publish(Dataset.TOP_TRACKS, DT, "b", List.of());
        for (Dialect dialect : Dialect.values()) {
            RecordingQueryEngine engine = new RecordingQueryEngine(dialect,
                    new CatalogModel().withPartition("top_tracks", DT.toString(), "s3://elsewhere/top_tracks/dt=2026-11-20"));

            RepairReport report = repair(engine, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

            assertThat(engine.catalog().partition("top_tracks", DT.toString())).as("%s", dialect).contains(TRACKS + v("b"));
            assertThat(report.registered()).first().satisfies(entry -> assertThat(entry)
                    .containsEntry("action", "moved").containsEntry("location", TRACKS + v("b"))
                    .containsEntry("before", "s3://elsewhere/top_tracks/dt=2026-11-20"));
            assertThat(lake.keys()).as("no move left recorded").noneMatch(key -> key.startsWith(MOVES));
        }
    }

    @Test
    void aTrinoMoveKilledBetweenItsProceduresIsFinishedByTheNextRepairOfAnyDtBeforeItDoesAnythingElse() {
        publish(Dataset.TOP_TRACKS, DT, "b", List.of());
        CatalogModel catalog = new CatalogModel().withPartition("top_tracks", DT.toString(), TRACKS + v("a"));
        QueryEngine killed = CrashingQueryEngine.dyingBefore("system.register_partition", new RecordingQueryEngine(Dialect.TRINO, catalog));

        assertThatThrownBy(() -> new PartitionRepair(lake, killed, CLOCK).repair(DT, List.of(Dataset.TOP_TRACKS), RepairMode.ADD))
                .isInstanceOf(CrashingObjectStore.Killed.class);
        assertThat(catalog.partition("top_tracks", DT.toString())).as("unregistered, not registered again").isEmpty();
        assertThat(lake.keys()).contains(MOVES + "top_tracks/dt=2026-11-20.json");

        RecordingQueryEngine next = new RecordingQueryEngine(Dialect.TRINO, catalog);
        RepairReport report = repair(next, DT.plusDays(1), List.of(Dataset.ARTISTS));

        assertThat(next.statements()).first().asString().startsWith("partition: CALL system.register_partition(")
                .contains("table_name => 'top_tracks'", "partition_values => ARRAY['2026-11-20']", "location => '" + TRACKS + v("b") + "'");
        assertThat(next.statements().get(1)).startsWith("publish: CALL system.flush_metadata_cache(");
        assertThat(catalog.partition("top_tracks", DT.toString())).contains(TRACKS + v("b"));
        assertThat(report.movesFinished()).containsExactly(Map.of("table", "top_tracks", "dt", "2026-11-20", "location", TRACKS + v("b")));
        assertThat(lake.keys()).noneMatch(key -> key.startsWith(MOVES));
    }

    @Test
    void theRecordOfAMoveIntoATableThatIsGoneIsForgottenWithoutAStatement() {
        PartitionMoves.Move move = new PartitionMoves.Move("top_tracks", DT.toString(), TRACKS + v("b"));
        putJson(MOVES + "top_tracks/dt=2026-11-20.json", move);
        RecordingQueryEngine trino = new RecordingQueryEngine(Dialect.TRINO);

        RepairReport report = repair(trino, DT, List.of(Dataset.ARTISTS));

        assertThat(trino.statements("partition")).isEmpty();
        assertThat(report.movesFinished()).hasSize(1);
        assertThat(lake.keys()).noneMatch(key -> key.startsWith(MOVES));
    }

    @Test
    void aPartitionAlreadyAtItsCurrentVersionIsLeftAsItIs() {
        publish(Dataset.TOP_TRACKS, DT, "b", List.of());
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA,
                new CatalogModel().withPartition("top_tracks", DT.toString(), TRACKS + v("b")));

        RepairReport report = repair(athena, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(athena.statements("partition")).isEmpty();
        assertThat(athena.statements("execute")).noneMatch(statement -> statement.startsWith("ALTER"));
        assertThat(report.registered()).first().satisfies(entry -> assertThat(entry).containsEntry("action", "unchanged"));
    }

    @Test
    void aDatasetWithoutACuratedManifestIsSkippedAndReportedEvenWhenItsFilesAreThere() {
        lake.put("curated/audio_features/dt=2026-11-20/part-00000.snappy.parquet", new byte[] {1});
        writeRaw("audio_features");
        publish(Dataset.ARTISTS, DT, "a", List.of());
        writeRaw("artists");
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = repair(athena, List.of(Dataset.values()), RepairMode.ADD);

        assertThat(athena.statements("partition")).hasSize(2).allMatch(statement -> statement.contains("artists"));
        assertThat(report.skipped()).containsExactly(
                Map.of("dataset", "top_tracks", "reason", "no complete curated partition (no _manifest.json)"),
                Map.of("dataset", "audio_features", "reason", "no complete curated partition (no _manifest.json)"),
                Map.of("dataset", "artist_similarity", "reason", "no complete curated partition (no _manifest.json)"));
    }

    @Test
    void aRawPartitionWithOnlyHiddenFilesIsSkippedWhileItsCuratedPartitionIsRegistered() {
        publish(Dataset.TOP_TRACKS, DT, "b", List.of());
        lake.put("raw/top_tracks/dt=2026-11-20/_failures.json", bytes("[]"));
        lake.put("raw/top_tracks/dt=2026-11-20/_progress/part-00000.json", bytes("{}"));

        RepairReport report = repair(new RecordingQueryEngine(Dialect.ATHENA), List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(report.registered()).extracting(entry -> entry.get("table")).containsExactly("top_tracks");
        assertThat(report.skipped()).extracting(entry -> entry.get("table")).containsExactly("raw_top_tracks");
    }

    @Test
    void nothingDoneWhenNoDatasetHasACompleteCuratedPartition() {
        RepairReport report = repair(new RecordingQueryEngine(Dialect.TRINO), List.of(Dataset.values()), RepairMode.ADD);

        assertThat(report.nothingDone()).isTrue();
    }

    @Test
    void aFullRepairPointsEveryDtWithAManifestAtItsCurrentVersionNotAtTheFolderOfAllVersions() {
        publish(Dataset.ARTISTS, LocalDate.parse("2026-11-18"), "x", List.of());
        publish(Dataset.ARTISTS, LocalDate.parse("2026-11-19"), "y", List.of(retired("w", NOW)));
        lake.put("curated/artists/dt=2026-11-17/" + v("z") + "/part-00000.snappy.parquet", new byte[] {1});
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = repair(athena, List.of(Dataset.ARTISTS), RepairMode.MSCK);

        assertThat(athena.statements("execute")).noneMatch(statement -> statement.startsWith("MSCK"));
        assertThat(athena.catalog().partition("artists", "2026-11-18")).contains("s3://test-lake/curated/artists/dt=2026-11-18/" + v("x"));
        assertThat(athena.catalog().partition("artists", "2026-11-19")).contains("s3://test-lake/curated/artists/dt=2026-11-19/" + v("y"));
        assertThat(athena.catalog().partition("artists", "2026-11-17")).as("no manifest: never published").isEmpty();
        assertThat(report.registered()).extracting(entry -> entry.get("dt")).containsExactly("2026-11-18", "2026-11-19");
    }

    @Test
    void aColumnAppendedToTheDeclarationIsAppendedToATableMadeWithoutIt() {
        List<CatalogTable.Column> old = declared(Dialect.TRINO, "top_tracks");
        RecordingQueryEngine trino = new RecordingQueryEngine(Dialect.TRINO, new CatalogModel()
                .withTable("top_tracks", new CatalogTable("s3://test-lake/curated/top_tracks", old.subList(0, old.size() - 3))));

        RepairReport report = repair(trino, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(trino.statements("execute")).contains("ALTER TABLE spotify_lake.top_tracks ADD COLUMN is_playable boolean",
                "ALTER TABLE spotify_lake.top_tracks ADD COLUMN fetched_at timestamp(3)",
                "ALTER TABLE spotify_lake.top_tracks ADD COLUMN source varchar");
        assertThat(report.columnsAdded()).containsExactly(Map.of("table", "top_tracks", "columns",
                List.of("is_playable", "fetched_at", "source")));
        assertThat(trino.table("top_tracks").orElseThrow().columns()).isEqualTo(old);
    }

    @Test
    void aTableThatCannotBeBroughtToItsDeclarationStopsWithExit2AndOneLineNamingTheColumn() {
        List<CatalogTable.Column> declared = declared(Dialect.ATHENA, "artists");
        List<CatalogTable.Column> retyped = new ArrayList<>(declared);
        retyped.set(2, new CatalogTable.Column("followers", "int"));
        List<CatalogTable.Column> dropped = new ArrayList<>(declared);
        dropped.add(new CatalogTable.Column("country", "string"));
        List<CatalogTable.Column> reordered = new ArrayList<>(declared);
        reordered.set(0, declared.get(1));
        reordered.set(1, declared.get(0));

        assertUnsafe(table(declared, "s3://other-lake/curated/artists/"),
                "table spotify_lake.artists lies over s3://other-lake/curated/artists/, not over s3://test-lake/curated/artists: "
                        + "register this lake in a database of its own (--database, env LAKE_DATABASE); only if no "
                        + "other lake uses this table, drop it (it is external: the lake keeps its files) and run "
                        + "repair-athena-partitions --mode msck");
        assertUnsafe(table(retyped, "s3://test-lake/curated/artists/"),
                "table spotify_lake.artists column followers is int but is declared bigint: declare a new column instead of "
                        + "changing a type (files written before keep theirs)");
        assertUnsafe(table(dropped, "s3://test-lake/curated/artists"),
                "table spotify_lake.artists has column country, which the declaration no longer has: declare it again "
                        + "(columns are only appended), or drop and re-create the table");
        assertUnsafe(table(reordered, "s3://test-lake/curated/artists"),
                "table spotify_lake.artists has column name where the declaration has artist_id: keep the declared order "
                        + "(new columns go last), or drop and re-create the table");
    }

    @Test
    void versionsRetiredLongerThanTheGraceAgoAreDeletedOnceTheCatalogReadsTheCurrentOneButThePreviousIsKept() {
        Instant longAgo = NOW.minus(VersionedPartition.GRACE).minusSeconds(60);
        publish(Dataset.TOP_TRACKS, DT, "d", List.of(retired("c", longAgo), retired("b", longAgo),
                retired("a", longAgo), retired("recent", NOW.minus(Duration.ofMinutes(5)))));
        for (String version : List.of("a", "b", "c", "recent")) {
            lake.put("curated/top_tracks/dt=2026-11-20/" + v(version) + "/part-00000.snappy.parquet", new byte[] {1});
        }
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA,
                new CatalogModel().withPartition("top_tracks", DT.toString(), TRACKS + v("b")));

        RepairReport report = repair(athena, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(report.deleted()).containsExactly(Map.of("table", "top_tracks", "dt", "2026-11-20", "versions", List.of(v("a"))));
        assertThat(lake.keys()).filteredOn(key -> key.startsWith("curated/")).extracting(key -> key.split("/")[3]).containsExactly(
                "_manifest.json", v("b"), v("c"), v("d"), v("recent"));
    }

    @Test
    void aPointerNamingAMissingVersionStopsRepairBeforeTheCatalogMoves() {
        publish(Dataset.TOP_TRACKS, DT, "b", List.of());
        lake.delete(List.of("curated/top_tracks/dt=2026-11-20/" + v("b") + "/part-00000.snappy.parquet"));
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA,
                new CatalogModel().withPartition("top_tracks", DT.toString(), TRACKS + v("a")));

        assertThatThrownBy(() -> repair(athena, List.of(Dataset.TOP_TRACKS), RepairMode.ADD))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("names version " + v("b") + ", which is not there")
                .hasMessageContaining("then load-s3 --dataset top_tracks --dt 2026-11-20");
        assertThat(athena.statements("partition")).isEmpty();
        assertThat(athena.catalog().partition("top_tracks", DT.toString())).contains(TRACKS + v("a"));
    }

    // ---- helpers

    private RepairReport repair(RecordingQueryEngine engine, List<Dataset> datasets, RepairMode mode) {
        return new PartitionRepair(lake, engine, CLOCK).repair(DT, datasets, mode);
    }

    private RepairReport repair(RecordingQueryEngine engine, LocalDate dt, List<Dataset> datasets) {
        return new PartitionRepair(lake, engine, CLOCK).repair(dt, datasets, RepairMode.ADD);
    }

    private void assertUnsafe(CatalogTable table, String message) {
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA, new CatalogModel().withTable("artists", table));

        assertThatThrownBy(() -> repair(athena, List.of(Dataset.ARTISTS), RepairMode.ADD))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessage(message);
        assertThat(athena.statements("execute")).noneMatch(statement -> statement.startsWith("ALTER"));
    }

    private static CatalogTable table(List<CatalogTable.Column> columns, String location) {
        return new CatalogTable(location, columns);
    }

    /** The columns a table made today from the declaration has, as the catalog reports them. */
    private static List<CatalogTable.Column> declared(Dialect dialect, String table) {
        CatalogSql sql = new CatalogSql(dialect, "spotify_lake", new InMemoryObjectStore().root());
        return CuratedTables.of(Dataset.fromName(table)).columns().stream()
                .map(column -> new CatalogTable.Column(column.name(), sql.typeOf(column))).toList();
    }

    /** A published version with one file, as load-s3 leaves it. */
    private void publish(Dataset dataset, LocalDate dt, String version, List<Pointer.Retired> retired) {
        String folder = "curated/" + dataset + "/dt=" + dt + "/";
        lake.put(folder + v(version) + "/part-00000.snappy.parquet", new byte[] {1});
        putJson(folder + "_manifest.json", new Pointer(dataset.folder(), dt.toString(), v(version), NOW.toString(),
                List.of(new Pointer.VersionFile("part-00000.snappy.parquet", 1, 1)), null,
                LakeJson.JSON.valueToTree(new Publication(1, 1, 0, List.of(), List.of())), retired));
    }

    private void putJson(String key, Object value) {
        try {
            lake.put(key, LakeJson.JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version folder a test calls by a short name: a real version name, started at an hour of its own. */
    private static String v(String name) {
        return String.format("_v-20261120T%02d0000000Z-0000", SHORT_NAMES.indexOf(name));
    }

    private static Pointer.Retired retired(String name, Instant at) {
        return new Pointer.Retired(v(name), at);
    }

    /** A complete raw partition of one part; answers the location of its current version as the catalog takes it. */
    private String writeRaw(String dataset) {
        RawDay.write(lake, Dataset.fromName(dataset), DT, List.of(List.of("{\"id\":\"x\"}")));
        return "s3://test-lake/" + new RawPartition(lake, Dataset.fromName(dataset), DT).current().orElseThrow().folder();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String tableCreated(String ddl) {
        return ddl.replaceFirst("(?s)^CREATE EXTERNAL TABLE IF NOT EXISTS `spotify_lake`\\.`(\\w+)`.*", "$1");
    }
}
