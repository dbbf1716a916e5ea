package dev.spotifylake.repair;

import java.util.Arrays;
import java.util.List;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.engine.QueryEngineOptions;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code repair-athena-partitions --dt D [--dataset X] [--mode add|msck|sync]}: makes sure the lake's schema and
 * tables exist in the catalog (DDL of sql/athena or sql/trino), then registers partition dt=D of the curated and raw
 * tables of each dataset whose curated partition is complete, with one statement per table whatever the number of
 * partitions. {@code --mode msck} (Athena) or {@code sync} (Trino) runs the engine's full repair instead.
 *
 * <p>Idempotent: a partition already registered stays as it is, and on Athena a retried run gets the queries of
 * its earlier attempt back rather than starting new ones. Exit codes: 0 done; 99 no dataset has a complete curated
 * partition for dt; 1 engine or S3 unreachable, throttled, or a statement timed out; 2 bad configuration, bad SQL,
 * refused permissions.
 */
@Command(name = "repair-athena-partitions", mixinStandardHelpOptions = true,
        description = {"Makes sure the lake's tables exist in the catalog (Athena, or Trino locally), then registers "
                + "partition dt=D of the curated and raw tables of each dataset whose curated partition is complete "
                + "(curated/X/dt=D/_manifest.json exists): one ALTER TABLE ... ADD IF NOT EXISTS PARTITION (Athena) or "
                + "register_partition call (Trino) per table, whatever the number of partitions.",
                "--mode msck|sync runs the engine's full repair (MSCK REPAIR TABLE, sync_partition_metadata) instead: "
                        + "it lists every partition of the table, for an explicit rebuild only."},
        footer = "%n" + ExitCode.HELP_LIST)
public final class RepairAthenaPartitionsCommand extends TaskCommand {
    private static final String TASK = "repair-athena-partitions";

    @Mixin
    private LakeOptions lake;

    @Mixin
    private QueryEngineOptions engine;

    @Option(names = "--dataset", paramLabel = "DATASET", converter = DatasetName.class,
            description = "Only this dataset: artists, top_tracks or audio_features (default: all three).")
    private Dataset dataset;

    @Option(names = "--mode", paramLabel = "add|msck|sync", defaultValue = "add", converter = ModeName.class,
            description = "add (default): register dt=D; msck or sync: the engine's full repair of the tables.")
    private RepairMode mode;

    @Override
    protected TaskSummary run() {
        List<Dataset> datasets = dataset == null ? Arrays.asList(Dataset.values()) : List.of(dataset);
        try (LakeConnection connection = lake.connect(); QueryEngine catalog = engine.open(lake, TASK + "/" + dt())) {
            RepairReport report = new PartitionRepair(connection.store(), catalog).repair(dt(), datasets, mode);
            TaskSummary summary = report.nothingDone() ? TaskSummary.nothingToDo(TASK, dt()) : TaskSummary.done(TASK, dt());
            return summary.with("engine", catalog.dialect().folder())
                    .with("schema", catalog.schema())
                    .with("mode", mode.toString())
                    .with(mode.full() ? "repaired" : "registered", mode.full() ? report.repaired() : report.registered())
                    .with("skipped", report.skipped());
        }
    }

    static final class DatasetName implements ITypeConverter<Dataset> {
        @Override
        public Dataset convert(String value) {
            return Dataset.fromName(value);
        }
    }

    static final class ModeName implements ITypeConverter<RepairMode> {
        @Override
        public RepairMode convert(String value) {
            return RepairMode.fromName(value);
        }
    }
}
