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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.TrinoSession;
import dev.spotifylake.testing.Options;

/**
 * The local Trino is real: through the tasks' engine it creates an external Parquet table partitioned by dt over the
 * local S3, registers a partition and counts its rows, and moves it through the partition catalog while the readers'
 * catalog keeps reading the old location until the move is published.
 */
class TrinoQueryEngineIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DAY = "2026-11-20";

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
        String location = playsFolder();
        // the writer's table lies over the same folder: its INSERT puts Parquet files where the engine's table looks
        trino.execute(plays(writer, location));
        trino.execute("INSERT INTO " + writer + ".plays VALUES ('a', 1, '2026-11-20'), ('b', 2, '2026-11-20'), ('c', 3, '2026-11-21')");

        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(trino.url(schema), "spotify-lake", Optional.empty(), Optional.empty(), TIMEOUT)) {
            engine.createSchema("CREATE SCHEMA IF NOT EXISTS " + schema);
            engine.execute(plays(schema, location));
            assertThat(trino.number("SELECT count(*) FROM " + schema + ".plays")).isZero();

            PartitionChange registration = new PartitionChange(List.of(register(schema, location + "/dt=" + DAY, DAY)), Optional.empty());
            engine.changePartition(registration);
            engine.changePartition(registration);

            assertThat(trino.number("SELECT count(*) FROM " + schema + ".plays WHERE dt = '2026-11-20'")).isEqualTo(2);
            assertThat(trino.number("SELECT sum(n) FROM " + schema + ".plays")).isEqualTo(3);
            assertThat(trino.partitions(schema, "plays")).containsExactly("2026-11-20");
        }
        try (LakeConnection lake = Options.parse(new LakeOptions(), stack).connect()) {
            assertThat(lake.store().list("curated/plays/dt=2026-11-20/")).isNotEmpty();
        }
    }

    /**
     * The move's first step leaves it unpublished: its procedures without the flush, or only its unregister, as when
     * a move is killed after it. Readers keep the old location until the next move's flush.
     */
    @ParameterizedTest(name = "killed after the unregister: {0}")
    @ValueSource(booleans = {false, true})
    void aPartitionMovedThroughThePartitionCatalogIsReadAtItsOldLocationUntilTheMoveIsPublished(boolean killedAfterUnregister) {
        String schema = playsOfTwoDays("engine_move");
        String count = countOfDay(schema);

        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(trino.url(schema), "spotify-lake", Optional.empty(), partitionCatalog(), TIMEOUT)) {
            assertThat(trino.number(count)).isEqualTo(1);

            List<String> unpublished = killedAfterUnregister ? List.of(unregister(schema, DAY)) : moveToOtherDay(schema).statements();
            engine.changePartition(new PartitionChange(unpublished, Optional.empty()));
            long beforePublish = trino.number(count);
            engine.changePartition(moveToOtherDay(schema));

            assertThat(beforePublish).as(killedAfterUnregister ? "read after the interrupted move"
                    : "read between the procedures and the flush").isEqualTo(1);
            assertThat(trino.number(count)).isEqualTo(2);
        }
    }

    @Test
    void badSqlCannotBeFixedByARetry() {
        try (TrinoQueryEngine engine = TrinoQueryEngine.connect(stack.get("TRINO_URL"), "spotify-lake", Optional.empty(), Optional.empty(),
                TIMEOUT)) {
            assertThatThrownBy(() -> engine.execute("CREATE TABEL nope (id varchar)"))
                    .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                    .hasMessageContaining("mismatched input");
        }
    }

    @Test
    void anUnreachableServerMayBeRetried() {
        try (TrinoQueryEngine engine = TrinoQueryEngine.connect("jdbc:trino://127.0.0.1:1/hive/spotify_lake", "spotify-lake",
                Optional.empty(), Optional.empty(), TIMEOUT)) {
            assertThatThrownBy(() -> engine.execute("SELECT 1"))
                    .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                    .hasMessageContaining("cannot reach the server");
        }
    }

    /**
     * A schema whose table of plays holds day {@link #DAY} (one row) and, in {@link #otherDayFolder()}, the
     * day after (two rows): moving DAY there changes its count from 1 to 2.
     */
    private String playsOfTwoDays(String purpose) {
        String schema = trino.createSchema(purpose);
        trino.execute(plays(schema, playsFolder()));
        trino.execute("INSERT INTO " + schema + ".plays VALUES ('a', 1, '2026-11-20'), ('b', 2, '2026-11-21'), ('c', 3, '2026-11-21')");
        return schema;
    }

    private static String countOfDay(String schema) {
        return "SELECT count(*) FROM " + schema + ".plays WHERE dt = '" + DAY + "'";
    }

    /** The move of DAY to the other day's folder, published by the flush of DAY in the readers' catalog. */
    private PartitionChange moveToOtherDay(String schema) {
        String flush = "CALL system.flush_metadata_cache(schema_name => '" + schema + "', table_name => 'plays', "
                + "partition_columns => ARRAY['dt'], partition_values => ARRAY['" + DAY + "'])";
        return new PartitionChange(List.of(unregister(schema, DAY), register(schema, otherDayFolder(), DAY)), Optional.of(flush));
    }

    private String playsFolder() {
        return stack.get("LAKE_URI") + "/curated/plays";
    }

    private String otherDayFolder() {
        return playsFolder() + "/dt=2026-11-21";
    }

    private Optional<String> partitionCatalog() {
        assertThat(stack).as("the stack's settings (a stack started before TRINO_PARTITION_CATALOG existed: restart it)")
                .containsKey("TRINO_PARTITION_CATALOG");
        return Optional.of(stack.get("TRINO_PARTITION_CATALOG"));
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
