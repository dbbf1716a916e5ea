package dev.spotifylake.repair;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import picocli.CommandLine.Command;

/** Registers the dt=D partitions of the curated and raw tables in the catalog. */
@Command(name = "repair-athena-partitions", mixinStandardHelpOptions = true,
        description = "Registers the dt=D partitions of the curated and raw tables in the catalog.",
        footer = "%n" + ExitCode.HELP_LIST)
public final class RepairAthenaPartitionsCommand extends TaskCommand {
    @Override
    protected TaskSummary run() {
        throw TaskException.notRetryable("repair-athena-partitions is not implemented yet");
    }
}
