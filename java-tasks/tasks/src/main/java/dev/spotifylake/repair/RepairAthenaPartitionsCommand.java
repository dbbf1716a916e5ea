package dev.spotifylake.repair;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.engine.QueryEngineOptions;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code repair-athena-partitions --dt D [--dataset X] [--mode add|msck|sync]}: makes sure the lake's schema and
 * tables exist in the catalog and that each curated table has its declared columns (appending new ones), then
 * points partition dt=D of the curated table of each dataset whose curated partition is published at the version
 * its manifest names, and the raw table's at the raw partition's folder: registered if missing, moved if registered
 * elsewhere, with a few statements per table whatever the number of partitions. Then it deletes the curated
 * versions retired longer than the grace period. {@code --mode msck} (Athena) or {@code sync} (Trino) does the same
 * for every dt that has a manifest. The summary reports what the catalog reads after the run, as read back from it.
 *
 * <p>A run first finishes the partition moves that runs killed midway left (on Trino, a partition unregistered
 * and not yet registered again; {@link PartitionMoves}), whatever their dt, and lists them in the summary.
 *
 * <p>Idempotent: a partition in place stays as it is, and on Athena a retried run gets the queries of its earlier
 * attempt back rather than starting new ones. Exit codes: 0 done; 99 no dataset has a complete curated partition
 * for dt; 1 engine or S3 unreachable, throttled, or a statement timed out; 2 bad configuration, bad SQL, refused
 * permissions, a catalog table that cannot safely be brought to its declaration (a column dropped, moved or of
 * another type, the table over another folder).
 */
@Command(name = "repair-athena-partitions",
        header = "Registers dt's partitions in the catalog.",
        description = {"Makes sure the lake's tables exist in the catalog (Athena, or Trino locally) with their declared "
                + "columns (new ones are appended; an unsafe change exits 2), then points partition dt=D of the curated "
                + "table of each dataset whose curated partition is published (curated/X/dt=D/_manifest.json exists) at "
                + "the version the manifest names, and the raw table's at its folder: ALTER TABLE ... ADD IF NOT EXISTS "
                + "PARTITION or SET LOCATION (Athena), register_partition (Trino). Versions retired more than 2 hours "
                + "ago are deleted.",
                "--mode msck|sync does the same for every dt with a manifest: for an explicit rebuild only."})
public final class RepairAthenaPartitionsCommand extends TaskCommand {
    private static final String TASK = "repair-athena-partitions";

    @Mixin
    private QueryEngineOptions engine;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "Only this dataset, one of ${COMPLETION-CANDIDATES} (default: all).")
    private Dataset dataset;

    @Option(names = "--mode", paramLabel = "add|msck|sync", defaultValue = "add",
            description = "add (default): dt=D; msck or sync: every dt that has a curated manifest.")
    private RepairMode mode;

    @Override
    protected TaskSummary run() {
        List<Dataset> datasets = dataset == null ? Arrays.asList(Dataset.values()) : List.of(dataset);
        try (LakeConnection connection = lake().connect(); QueryEngine catalog = engine.open(lake(), TASK + "/" + dt())) {
            RepairReport report = new PartitionRepair(connection.store(), catalog, Clock.systemUTC()).repair(dt(), datasets, mode);
            TaskSummary summary = report.nothingDone() ? TaskSummary.nothingToDo(TASK, dt()) : TaskSummary.done(TASK, dt());
            return summary.with("engine", catalog.dialect().folder())
                    .with("schema", catalog.schema())
                    .with("mode", mode.toString())
                    .with("registered", report.registered())
                    .with("columns_added", report.columnsAdded())
                    .with("versions_deleted", report.deleted())
                    .with("skipped", report.skipped())
                    .with("moves_finished", report.movesFinished());
        }
    }
}
