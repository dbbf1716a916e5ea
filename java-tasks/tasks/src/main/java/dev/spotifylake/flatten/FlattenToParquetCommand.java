package dev.spotifylake.flatten;

import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.schema.CuratedTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flatten-to-parquet --dataset X --dt D}: streams the gzip NDJSON part files of raw/X/dt=D/ and writes
 * flat Snappy Parquet (the dataset's curated schema, see {@link CuratedTables}) into a new attempt folder under
 * staging/X/dt=D/, with the raw records that do not fit the schema as rejects beside them and
 * {@code _stats.json} (records in, rows, rejects) written last. Memory stays flat however large the day is.
 *
 * <p>Idempotent: a re-run reads the same raw files and stages the same Parquet again, in a new attempt that
 * replaces the old one; load-s3 publishes it. Exit codes: 0 staged; 99 no raw data, or a complete raw partition
 * without records; 1 the lake is unreachable or a raw file broke off; 2 bad options, an incomplete raw partition,
 * a raw file that is not gzip NDJSON, or raw counts that disagree with the raw manifest.
 */
@Command(name = "flatten-to-parquet",
        header = "Flattens a raw dataset into staged Parquet.",
        description = {"Flattens raw/X/dt=D/ (gzip NDJSON) into Snappy Parquet with the dataset's curated schema, "
                + "in a new attempt under staging/X/dt=D/; records that do not fit the schema become rejects "
                + "with the reason. Counts (records in = rows + rejects) go to the summary and to _stats.json.",
                "Needs a complete raw partition (its _manifest.json). load-s3 publishes the result."})
public final class FlattenToParquetCommand extends TaskCommand {

    @Option(names = "--dataset", required = true, paramLabel = "DATASET", completionCandidates = Flattened.class,
            description = "One of ${COMPLETION-CANDIDATES}.")
    private Dataset dataset;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", converter = AtLeast.One.class,
            description = "Raw files flattened side by side, each thread into its own Parquet files "
                    + "(default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--rows-per-file", paramLabel = "N", defaultValue = "1000000", converter = AtLeast.One.class,
            description = "Rows at which a Parquet file is closed and a new one started (default: ${DEFAULT-VALUE}).")
    private int rowsPerFile;

    @Option(names = "--row-group-mb", paramLabel = "MB", defaultValue = "16", converter = AtLeast.One.class,
            description = "Parquet row group size; each thread holds one row group in memory, so --threads times "
                    + "this must fit in the JVM's heap (default: ${DEFAULT-VALUE}).")
    private int rowGroupMb;

    /** The datasets with a raw zone; a derived one is computed by its own task. */
    static final class Flattened implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Dataset.values()).filter(dataset -> !dataset.derived()).map(Dataset::folder).iterator();
        }
    }

    @Override
    protected TaskSummary run() {
        ParquetLayout layout = new ParquetLayout((long) rowGroupMb << 20, ParquetLayout.DEFAULT.pageBytes(), rowsPerFile);
        // Refused before any work rather than failing with an OutOfMemoryError half-way through the day.
        long heap = Runtime.getRuntime().maxMemory();
        long needed = layout.heapNeeded(threads);
        if (needed > heap) {
            throw TaskException.notRetryable("--threads " + threads + " with --row-group-mb " + rowGroupMb
                    + " need at least " + (needed >> 20) + " MB of heap, and the JVM has " + (heap >> 20) + " MB: "
                    + "lower them, or give the JVM more (-Xmx; SPOTIFY_LAKE_JVM_OPTIONS for the DAG's tasks)");
        }
        try (LakeConnection connection = lake().connect()) {
            return new Flattener(connection.store(), CuratedTables.of(dataset), new Flattener.Settings(threads, layout),
                    Clock.systemUTC()).flatten(dt());
        }
    }
}
