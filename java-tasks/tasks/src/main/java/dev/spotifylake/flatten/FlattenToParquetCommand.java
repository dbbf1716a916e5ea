package dev.spotifylake.flatten;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import picocli.CommandLine.Command;

/** Flattens raw/X/dt=D/ into Snappy Parquet in staging, and rejects. */
@Command(name = "flatten-to-parquet", mixinStandardHelpOptions = true,
        description = "Flattens raw/X/dt=D/ into Snappy Parquet in staging, and rejects.",
        footer = "%n" + ExitCode.HELP_LIST)
public final class FlattenToParquetCommand extends TaskCommand {
    @Override
    protected TaskSummary run() {
        throw TaskException.notRetryable("flatten-to-parquet is not implemented yet");
    }
}
