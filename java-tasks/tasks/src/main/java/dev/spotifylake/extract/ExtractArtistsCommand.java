package dev.spotifylake.extract;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import picocli.CommandLine.Command;

/** Streams the artists table from MySQL into raw/artists/dt=D/ as gzip NDJSON. */
@Command(name = "extract-artists", mixinStandardHelpOptions = true,
        description = "Streams the artists table from MySQL into raw/artists/dt=D/ as gzip NDJSON.",
        footer = "%n" + ExitCode.HELP_LIST)
public final class ExtractArtistsCommand extends TaskCommand {
    @Override
    protected TaskSummary run() {
        throw TaskException.notRetryable("extract-artists is not implemented yet");
    }
}
