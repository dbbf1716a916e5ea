package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.testing.InMemoryObjectStore;

class PartitionRepairTest {
    private static final LocalDate DT = LocalDate.parse("2026-11-20");

    private final InMemoryObjectStore lake = new InMemoryObjectStore();

    @Test
    void theSchemaAndTheTablesOfEveryDatasetAreCreatedBeforeAnythingIsRegisteredAndADerivedOneHasNoRawTable() {
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        new PartitionRepair(lake, athena).repair(DT, List.of(Dataset.values()), RepairMode.ADD);

        assertThat(athena.statements("schema")).containsExactly("CREATE DATABASE IF NOT EXISTS `spotify_lake`");
        assertThat(athena.statements("execute")).extracting(PartitionRepairTest::tableCreated).containsExactly(
                "artists", "raw_artists", "top_tracks", "raw_top_tracks", "audio_features", "raw_audio_features",
                "artist_similarity");
    }

    @Test
    void aCompleteDerivedDatasetGetsItsCuratedPartitionRegisteredAlone() {
        publishCurated("artist_similarity");
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = new PartitionRepair(lake, athena).repair(DT, List.of(Dataset.ARTIST_SIMILARITY), RepairMode.ADD);

        assertThat(athena.statements("register")).containsExactly(
                "ALTER TABLE `spotify_lake`.`artist_similarity` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') "
                        + "LOCATION 's3://test-lake/curated/artist_similarity/dt=2026-11-20/'");
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void aCompleteDatasetGetsOneAddPartitionStatementPerTableAtItsFolder() {
        publishCurated("top_tracks");
        writeRaw("top_tracks");
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = new PartitionRepair(lake, athena).repair(DT, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(athena.statements("register")).containsExactly(
                "ALTER TABLE `spotify_lake`.`top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') "
                        + "LOCATION 's3://test-lake/curated/top_tracks/dt=2026-11-20/'",
                "ALTER TABLE `spotify_lake`.`raw_top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') "
                        + "LOCATION 's3://test-lake/raw/top_tracks/dt=2026-11-20/'");
        assertThat(report.registered()).extracting(entry -> entry.get("table")).containsExactly("top_tracks", "raw_top_tracks");
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void trinoRegistersTheSamePartitionsWithItsProcedure() {
        publishCurated("artists");
        writeRaw("artists");
        RecordingQueryEngine trino = new RecordingQueryEngine(Dialect.TRINO);

        new PartitionRepair(lake, trino).repair(DT, List.of(Dataset.ARTISTS), RepairMode.ADD);

        assertThat(trino.statements("register")).first().asString()
                .startsWith("CALL system.register_partition(")
                .contains("table_name => 'artists'", "partition_values => ARRAY['2026-11-20']",
                        "location => 's3://test-lake/curated/artists/dt=2026-11-20'");
    }

    @Test
    void aDatasetWithoutACuratedManifestIsSkippedAndReportedEvenWhenItsFilesAreThere() {
        lake.put("curated/audio_features/dt=2026-11-20/part-00000.snappy.parquet", new byte[] {1});
        writeRaw("audio_features");
        publishCurated("artists");
        writeRaw("artists");
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = new PartitionRepair(lake, athena).repair(DT, List.of(Dataset.values()), RepairMode.ADD);

        assertThat(athena.statements("register")).hasSize(2).allMatch(statement -> statement.contains("artists"));
        assertThat(report.skipped()).containsExactly(
                Map.of("dataset", "top_tracks", "reason", "no complete curated partition (no _manifest.json)"),
                Map.of("dataset", "audio_features", "reason", "no complete curated partition (no _manifest.json)"),
                Map.of("dataset", "artist_similarity", "reason", "no complete curated partition (no _manifest.json)"));
    }

    @Test
    void aRawPartitionWithOnlyHiddenFilesIsSkippedWhileItsCuratedPartitionIsRegistered() {
        publishCurated("top_tracks");
        lake.put("raw/top_tracks/dt=2026-11-20/_failures.json", bytes("[]"));
        lake.put("raw/top_tracks/dt=2026-11-20/_progress/part-00000.json", bytes("{}"));
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);

        RepairReport report = new PartitionRepair(lake, athena).repair(DT, List.of(Dataset.TOP_TRACKS), RepairMode.ADD);

        assertThat(report.registered()).extracting(entry -> entry.get("table")).containsExactly("top_tracks");
        assertThat(report.skipped()).extracting(entry -> entry.get("table")).containsExactly("raw_top_tracks");
    }

    @Test
    void nothingDoneWhenNoDatasetHasACompleteCuratedPartition() {
        RepairReport report = new PartitionRepair(lake, new RecordingQueryEngine(Dialect.TRINO))
                .repair(DT, List.of(Dataset.values()), RepairMode.ADD);

        assertThat(report.nothingDone()).isTrue();
    }

    @Test
    void aFullRepairRunsTheEnginesOwnOverEveryTableWhateverTheLakeHoldsForDt() {
        RecordingQueryEngine athena = new RecordingQueryEngine(Dialect.ATHENA);
        RecordingQueryEngine trino = new RecordingQueryEngine(Dialect.TRINO);

        RepairReport report = new PartitionRepair(lake, athena).repair(DT, List.of(Dataset.ARTISTS), RepairMode.MSCK);
        new PartitionRepair(lake, trino).repair(DT, List.of(Dataset.ARTISTS), RepairMode.SYNC);

        assertThat(athena.statements("execute")).endsWith(
                "MSCK REPAIR TABLE `spotify_lake`.`artists`", "MSCK REPAIR TABLE `spotify_lake`.`raw_artists`");
        assertThat(trino.statements("execute")).last().asString()
                .isEqualTo("CALL system.sync_partition_metadata(schema_name => 'spotify_lake', table_name => 'raw_artists', mode => 'ADD')");
        assertThat(athena.statements("register")).isEmpty();
        assertThat(report.repaired()).extracting(entry -> entry.get("table")).containsExactly("artists", "raw_artists");
    }

    private void publishCurated(String dataset) {
        lake.put("curated/" + dataset + "/dt=2026-11-20/part-00000.snappy.parquet", new byte[] {1});
        lake.put("curated/" + dataset + "/dt=2026-11-20/_manifest.json", bytes("{}"));
    }

    private void writeRaw(String dataset) {
        lake.put("raw/" + dataset + "/dt=2026-11-20/part-00000.json.gz", new byte[] {1});
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String tableCreated(String ddl) {
        return ddl.replaceFirst("(?s)^CREATE EXTERNAL TABLE IF NOT EXISTS `spotify_lake`\\.`(\\w+)`.*", "$1");
    }
}
