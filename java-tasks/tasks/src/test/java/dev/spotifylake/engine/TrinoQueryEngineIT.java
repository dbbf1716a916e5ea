package dev.spotifylake.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

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
 * local S3, registers a partition and counts its rows.
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

        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(trino.url(schema), "spotify-lake", TIMEOUT)) {
            engine.createSchema("CREATE SCHEMA IF NOT EXISTS " + schema);
            engine.execute(plays(schema, location));
            assertThat(trino.number("SELECT count(*) FROM " + schema + ".plays")).isZero();

            engine.registerPartition(register(schema, location, "2026-11-20"));
            engine.registerPartition(register(schema, location, "2026-11-20"));

            assertThat(trino.number("SELECT count(*) FROM " + schema + ".plays WHERE dt = '2026-11-20'")).isEqualTo(2);
            assertThat(trino.number("SELECT sum(n) FROM " + schema + ".plays")).isEqualTo(3);
            assertThat(trino.partitions(schema, "plays")).containsExactly("2026-11-20");
        }
        try (LakeConnection lake = new LakeOptions(new Environment(stack)).connect()) {
            assertThat(lake.store().list("curated/plays/dt=2026-11-20/")).isNotEmpty();
        }
    }

    @Test
    void badSqlCannotBeFixedByARetry() {
        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(stack.get("TRINO_URL"), "spotify-lake", TIMEOUT)) {
            assertThatThrownBy(() -> engine.execute("CREATE TABEL nope (id varchar)"))
                    .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                    .hasMessageContaining("mismatched input");
        }
    }

    @Test
    void anUnreachableServerMayBeRetried() {
        try (TrinoQueryEngine engine = TrinoQueryEngine.connect("jdbc:trino://127.0.0.1:1/hive/spotify_lake", "spotify-lake", TIMEOUT)) {
            assertThatThrownBy(() -> engine.execute("SELECT 1"))
                    .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                    .hasMessageContaining("cannot reach the server");
        }
    }

    private static String plays(String schema, String location) {
        return "CREATE TABLE IF NOT EXISTS " + schema + ".plays (track_id varchar, n integer, dt varchar) "
                + "WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'], external_location = '" + location + "')";
    }

    private static String register(String schema, String location, String dt) {
        return "CALL system.register_partition('" + schema + "', 'plays', ARRAY['dt'], ARRAY['" + dt + "'], '"
                + location + "/dt=" + dt + "')";
    }
}
