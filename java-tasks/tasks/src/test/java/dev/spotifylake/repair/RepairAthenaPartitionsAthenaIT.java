package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FakeAthena;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.Options;

/**
 * repair-athena-partitions with the Athena engine: the lake is the local S3, Athena a local endpoint that speaks
 * its JSON protocol. Checks the statements Athena would run, and that a re-run starts no second query.
 */
class RepairAthenaPartitionsAthenaIT {
    @RegisterExtension
    final FreshLake freshLake = new FreshLake("repair-athena");
    private final Map<String, String> stack = new HashMap<>(freshLake.environment());
    private final FakeAthena athena = new FakeAthena();

    RepairAthenaPartitionsAthenaIT() {
        stack.put("QUERY_ENGINE", "athena");
        stack.put("ATHENA_DATABASE", "spotify_lake");
        stack.put("ATHENA_OUTPUT_LOCATION", "s3://athena-results/spotify-lake/");
        stack.put("AWS_ENDPOINT_URL_ATHENA", athena.endpoint().toString());
    }

    @AfterEach
    void stopAthenaAndCleanTheLake() {
        athena.close();
        try (LakeConnection lake = Options.parse(new LakeOptions(), stack).connect()) {
            lake.store().delete(lake.store().list("").stream().map(StoredObject::key).toList());
        }
    }

    @Test
    void eachPublishedDatasetIsRegisteredAtItsCurrentVersionAndARerunRegistersNothingAgain() {
        put("curated/top_tracks/dt=2026-11-20/_va/part-00000.snappy.parquet", "PAR1");
        put("curated/top_tracks/dt=2026-11-20/_manifest.json", """
                {"dataset": "top_tracks", "dt": "2026-11-20", "schema_version": 1, "version": "a", "rows": 1,
                 "files": [{"file": "part-00000.snappy.parquet", "rows": 1, "bytes": 4}], "reject_files": [], "raw_files": []}""");
        // a raw partition of the unversioned layout, complete: its _failures.json is written last
        put("raw/top_tracks/dt=2026-11-20/part-00000.json.gz", "gz");
        put("raw/top_tracks/dt=2026-11-20/_failures.json", "{\"failures\": []}");
        put("curated/audio_features/dt=2026-11-20/part-00000.snappy.parquet", "PAR1");

        Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20").ok();
        Cli rerun = Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20").ok();

        String lake = stack.get("LAKE_URI");
        List<String> run = athena.statementsRun();
        assertThat(run.get(0)).isEqualTo("CREATE DATABASE IF NOT EXISTS `spotify_lake`");
        assertThat(run.subList(1, 8)).allMatch(statement -> statement.startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `spotify_lake`."));
        assertThat(run).filteredOn(statement -> statement.startsWith("ALTER")).containsExactly(
                "ALTER TABLE `spotify_lake`.`top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') LOCATION '"
                        + lake + "/curated/top_tracks/dt=2026-11-20/_va/'",
                "ALTER TABLE `spotify_lake`.`raw_top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') LOCATION '"
                        + lake + "/raw/top_tracks/dt=2026-11-20/'");
        assertThat(rerun.summaryLine()).contains("{\"table\":\"top_tracks\",\"dt\":\"2026-11-20\",\"action\":\"unchanged\","
                + "\"location\":\"" + lake + "/curated/top_tracks/dt=2026-11-20/_va\"");
    }

    @Test
    void aPartitionOfAnEarlierVersionIsMovedWithOneSetLocation() {
        put("curated/artists/dt=2026-11-20/_vb/part-00000.snappy.parquet", "PAR1");
        put("curated/artists/dt=2026-11-20/_manifest.json", """
                {"dataset": "artists", "dt": "2026-11-20", "schema_version": 1, "version": "b", "rows": 1,
                 "files": [{"file": "part-00000.snappy.parquet", "rows": 1, "bytes": 4}], "reject_files": [], "raw_files": [],
                 "retired": [{"version": "a", "retired_at": "2026-11-20T08:00:00Z"}]}""");
        String lake = stack.get("LAKE_URI");
        Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20", "--dataset", "artists").ok();
        put("curated/artists/dt=2026-11-20/_vc/part-00000.snappy.parquet", "PAR1");
        put("curated/artists/dt=2026-11-20/_manifest.json", """
                {"dataset": "artists", "dt": "2026-11-20", "schema_version": 1, "version": "c", "rows": 2,
                 "files": [{"file": "part-00000.snappy.parquet", "rows": 2, "bytes": 4}], "reject_files": [], "raw_files": []}""");

        Cli cli = Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20", "--dataset", "artists").ok();

        assertThat(athena.statementsRun()).filteredOn(statement -> statement.contains("SET LOCATION")).containsExactly(
                "ALTER TABLE `spotify_lake`.`artists` PARTITION (dt = '2026-11-20') SET LOCATION '"
                        + lake + "/curated/artists/dt=2026-11-20/_vc/'");
        assertThat(cli.summaryLine()).contains("\"action\":\"moved\",\"location\":\"" + lake
                + "/curated/artists/dt=2026-11-20/_vc\",\"before\":\"" + lake + "/curated/artists/dt=2026-11-20/_vb\"");
    }

    private void put(String key, String content) {
        try (LakeConnection lake = Options.parse(new LakeOptions(), stack).connect()) {
            lake.store().put(key, content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
