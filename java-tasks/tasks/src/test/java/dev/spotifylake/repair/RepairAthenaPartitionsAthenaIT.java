package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.spotifylake.common.Environment;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FakeAthena;
import dev.spotifylake.testing.LocalStack;

/**
 * repair-athena-partitions with the Athena engine: the lake is the local S3, Athena a local endpoint that speaks
 * its JSON protocol. Checks the statements Athena would run, and that a re-run starts no second query.
 */
class RepairAthenaPartitionsAthenaIT {
    private final Map<String, String> stack = new HashMap<>(LocalStack.environmentWithFreshLake("repair-athena"));
    private final FakeAthena athena = new FakeAthena();

    RepairAthenaPartitionsAthenaIT() {
        stack.put("QUERY_ENGINE", "athena");
        stack.put("ATHENA_DATABASE", "spotify_lake");
        stack.put("ATHENA_OUTPUT_LOCATION", "s3://athena-results/spotify-lake/");
        stack.put("AWS_ENDPOINT_URL_ATHENA", athena.endpoint().toString());
    }

    @AfterEach
    void stopAthena() {
        athena.close();
    }

    @Test
    void oneAddPartitionPerTableOfEachCompleteDatasetAndARerunStartsNoSecondQuery() {
        put("curated/top_tracks/dt=2026-11-20/part-00000.snappy.parquet", "PAR1");
        put("curated/top_tracks/dt=2026-11-20/_manifest.json", "{}");
        put("raw/top_tracks/dt=2026-11-20/part-00000.json.gz", "gz");
        put("curated/audio_features/dt=2026-11-20/part-00000.snappy.parquet", "PAR1");

        Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20").ok();
        Cli.run(stack, "repair-athena-partitions", "--dt", "2026-11-20").ok();

        String lake = stack.get("LAKE_URI");
        List<String> run = athena.statementsRun();
        // the schema, two tables per dataset and one for the derived artist_similarity, then two partitions
        assertThat(run).hasSize(1 + 7 + 2);
        assertThat(run.get(0)).isEqualTo("CREATE DATABASE IF NOT EXISTS `spotify_lake`");
        assertThat(run.subList(1, 8)).allMatch(statement -> statement.startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `spotify_lake`."));
        assertThat(run.subList(8, 10)).containsExactly(
                "ALTER TABLE `spotify_lake`.`top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') LOCATION '"
                        + lake + "/curated/top_tracks/dt=2026-11-20/'",
                "ALTER TABLE `spotify_lake`.`raw_top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') LOCATION '"
                        + lake + "/raw/top_tracks/dt=2026-11-20/'");
        assertThat(athena.starts()).hasSize(2 * 10);
    }

    private void put(String key, String content) {
        try (LakeConnection lake = new LakeOptions(new Environment(stack)).connect()) {
            lake.store().put(key, content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
