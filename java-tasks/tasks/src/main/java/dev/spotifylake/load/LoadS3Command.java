package dev.spotifylake.load;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import picocli.CommandLine.Command;

/** Publishes the staged Parquet of a dataset as curated/X/dt=D/, manifest last. */
@Command(name = "load-s3", mixinStandardHelpOptions = true,
        description = "Publishes the staged Parquet of a dataset as curated/X/dt=D/, manifest last.",
        footer = "%n" + ExitCode.HELP_LIST)
public final class LoadS3Command extends TaskCommand {
    @Override
    protected TaskSummary run() {
        throw TaskException.notRetryable("load-s3 is not implemented yet");
    }
}
