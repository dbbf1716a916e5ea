package dev.spotifylake.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.spotifylake.common.Environment;
import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.TrinoSession;

/**
 * The local Trino is real: through the tasks' engine it creates an external Parquet table partitioned by dt over the
 * local S3, registers a partition and counts its rows, and moves it through the partition catalog while the readers'
 * catalog keeps reading the old location until the move is published.
 */
class TrinoQueryEngineIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final FreshLake freshLake = new FreshLake("trino");
    private final Map<String, String> stack = freshLake.environment();
    private final TrinoSession trino = TrinoSession.open(stack);

    @AfterEach
    void dropSchemas() throws Exception {
        trino.close();
    }

    @Test
    void aRegisteredPartitionOfAnExternalParquetTableOnTheLocalS3CountsItsRows() {
        String schema = trino.newSchemaName("engine");
        String writer = trino.createSchema("engine_writer");
        String location = stack.get("LAKE_URI") + "/curated/plays";
        // the writer's table lies over the same folder: its INSERT puts Parquet files where the engine's table looks
        trino.execute(plays(writer, location));
        trino.execute("INSERT INTO " + writer + ".plays VALUES ('a', 1, '2026-11-20'), ('b', 2, '2026-11-20'), ('c', 3, '2026-11-21')");

        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(trino.url(schema), "spotify-lake", Optional.empty(), TIMEOUT)) {
            engine.createSchema("CREATE SCHEMA IF NOT EXISTS " + schema);
            engine.execute(plays(schema, location));
            assertThat(trino.number("SELECT count(*) FROM " + schema + ".plays")).isZero();

            engine.changePartition(new PartitionChange(List.of(register(schema, location + "/dt=2026-11-20", "2026-11-20")), Optional.empty()));
            engine.changePartition(new PartitionChange(List.of(register(schema, location + "/dt=2026-11-20", "2026-11-20")), Optional.empty()));

            assertThat(trino.number("SELECT count(*) FROM " + schema + ".plays WHERE dt = '2026-11-20'")).isEqualTo(2);
            assertThat(trino.number("SELECT sum(n) FROM " + schema + ".plays")).isEqualTo(3);
            assertThat(trino.partitions(schema, "plays")).containsExactly("2026-11-20");
        }
        try (LakeConnection lake = new LakeOptions(new Environment(stack)).connect()) {
            assertThat(lake.store().list("curated/plays/dt=2026-11-20/")).isNotEmpty();
        }
    }

    @Test
    void aPartitionMovedThroughThePartitionCatalogIsReadAtItsOldLocationUntilTheMoveIsPublished() {
        String schema = trino.createSchema("engine_move");
        String location = stack.get("LAKE_URI") + "/curated/plays";
        trino.execute(plays(schema, location));
        trino.execute("INSERT INTO " + schema + ".plays VALUES ('a', 1, '2026-11-20'), ('b', 2, '2026-11-21'), ('c', 3, '2026-11-21')");
        String day = "2026-11-20";
        String count = "SELECT count(*) FROM " + schema + ".plays WHERE dt = '" + day + "'";
        String flush = "CALL system.flush_metadata_cache(schema_name => '" + schema + "', table_name => 'plays', "
                + "partition_columns => ARRAY['dt'], partition_values => ARRAY['" + day + "'])";
        assertThat(stack).as("the stack's settings (a stack started before TRINO_PARTITION_CATALOG existed: restart it)")
                .containsKey("TRINO_PARTITION_CATALOG");
        Optional<String> partitionCatalog = Optional.of(stack.get("TRINO_PARTITION_CATALOG"));

        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(trino.url(schema), "spotify-lake", partitionCatalog, TIMEOUT)) {
            assertThat(trino.number(count)).isEqualTo(1);
            // the folder of the other day, which holds two rows
            PartitionChange move = new PartitionChange(List.of(unregister(schema, day), register(schema, location + "/dt=2026-11-21", day)),
                    Optional.of(flush));

            engine.changePartition(new PartitionChange(move.statements(), Optional.empty()));
            long beforePublish = trino.number(count);
            engine.changePartition(move);

            assertThat(beforePublish).as("read between the procedures and the flush").isEqualTo(1);
            assertThat(trino.number(count)).isEqualTo(2);
        }
    }

    @Test
    void badSqlCannotBeFixedByARetry() {
        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(stack.get("TRINO_URL"), "spotify-lake", Optional.empty(), TIMEOUT)) {
            assertThatThrownBy(() -> engine.execute("CREATE TABEL nope (id varchar)"))
                    .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                    .hasMessageContaining("mismatched input");
        }
    }

    @Test
    void anUnreachableServerMayBeRetried() {
        try (TrinoQueryEngine engine = TrinoQueryEngine.connect("jdbc:trino://127.0.0.1:1/hive/spotify_lake", "spotify-lake", Optional.empty(), TIMEOUT)) {
            assertThatThrownBy(() -> engine.execute("SELECT 1"))
                    .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                    .hasMessageContaining("cannot reach the server");
        }
    }

    private static String plays(String schema, String location) {
        return "CREATE TABLE IF NOT EXISTS " + schema + ".plays (track_id varchar, n integer, dt varchar) "
                + "WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'], external_location = '" + location + "')";
    }

    private static String register(String schema, String folder, String dt) {
        return "CALL system.register_partition('" + schema + "', 'plays', ARRAY['dt'], ARRAY['" + dt + "'], '" + folder + "')";
    }

    private static String unregister(String schema, String dt) {
        return "CALL system.unregister_partition('" + schema + "', 'plays', ARRAY['dt'], ARRAY['" + dt + "'])";
    }
}
