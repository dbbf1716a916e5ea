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
    private static final String VERSION = "_v-20261120T080000000Z-000a";
    private static final String LATER = "_v-20261120T090000000Z-000b";
    private static final String LATEST = "_v-20261120T100000000Z-000c";
    @RegisterExtension
    final FreshLake freshLake = new FreshLake("repair-athena");
    private final Map<String, String> stack = new HashMap<>(freshLake.environment());
    private final FakeAthena athena = new FakeAthena();

    RepairAthenaPartitionsAthenaIT() {
        stack.put("QUERY_ENGINE", "athena");
        stack.put("LAKE_DATABASE", "spotify_lake");
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
        publish("top_tracks", VERSION);
        put("raw/top_tracks/dt=2026-11-20/" + VERSION + "/part-00000.json.gz", "gz");
        put("raw/top_tracks/dt=2026-11-20/_manifest.json", """
                {"dataset": "top_tracks", "dt": "2026-11-20", "version": "%s", "written_at": "2026-11-20T00:00:00Z",
                 "files": [{"file": "part-00000.json.gz", "rows": 1, "bytes": 2}]}""".formatted(VERSION));
        put("curated/audio_features/dt=2026-11-20/part-00000.snappy.parquet", "PAR1");

        Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20").ok();
        Cli rerun = Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20").ok();

        String lake = stack.get("LAKE_URI");
        List<String> run = athena.statementsRun();
        assertThat(run.get(0)).isEqualTo("CREATE DATABASE IF NOT EXISTS `spotify_lake`");
        assertThat(run.subList(1, 8)).allMatch(statement -> statement.startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `spotify_lake`."));
        assertThat(run).filteredOn(statement -> statement.startsWith("ALTER")).containsExactly(
                "ALTER TABLE `spotify_lake`.`top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') LOCATION '"
                        + lake + "/curated/top_tracks/dt=2026-11-20/" + VERSION + "/'",
                "ALTER TABLE `spotify_lake`.`raw_top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') LOCATION '"
                        + lake + "/raw/top_tracks/dt=2026-11-20/" + VERSION + "/'");
        assertThat(rerun.summaryLine()).contains("{\"table\":\"top_tracks\",\"dt\":\"2026-11-20\",\"action\":\"unchanged\","
                + "\"location\":\"" + lake + "/curated/top_tracks/dt=2026-11-20/" + VERSION + "\"");
    }

    @Test
    void aPartitionOfAnEarlierVersionIsMovedWithOneSetLocation() {
        publish("artists", LATER);
        String lake = stack.get("LAKE_URI");
        Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20", "--dataset", "artists").ok();
        publish("artists", LATEST);

        Cli cli = Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20", "--dataset", "artists").ok();

        assertThat(athena.statementsRun()).filteredOn(statement -> statement.contains("SET LOCATION")).containsExactly(
                "ALTER TABLE `spotify_lake`.`artists` PARTITION (dt = '2026-11-20') SET LOCATION '"
                        + lake + "/curated/artists/dt=2026-11-20/" + LATEST + "/'");
        assertThat(cli.summaryLine()).contains("\"action\":\"moved\",\"location\":\"" + lake
                + "/curated/artists/dt=2026-11-20/" + LATEST + "\",\"before\":\"" + lake + "/curated/artists/dt=2026-11-20/"
                + LATER + "\"");
    }

    /** A version of a curated dataset with one file, and the pointer naming it. */
    private void publish(String dataset, String version) {
        put("curated/" + dataset + "/dt=2026-11-20/" + version + "/part-00000.snappy.parquet", "PAR1");
        put("curated/" + dataset + "/dt=2026-11-20/_manifest.json", """
                {"dataset": "%s", "dt": "2026-11-20", "version": "%s", "written_at": "2026-11-20T10:00:00Z",
                 "files": [{"file": "part-00000.snappy.parquet", "rows": 1, "bytes": 4}],
                 "summary": {"schema_version": 1, "records_in": 1, "rejects": 0, "reject_files": [], "raw_files": []}}"""
                .formatted(dataset, version));
    }

    private void put(String key, String content) {
        try (LakeConnection lake = Options.parse(new LakeOptions(), stack).connect()) {
            lake.store().put(key, content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
