package dev.spotifylake.fetch;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import picocli.CommandLine.Command;

/** Fetches each artist's top tracks from Spotify into raw/top_tracks/dt=D/. */
@Command(name = "fetch-tracks-raw-json", mixinStandardHelpOptions = true,
        description = "Fetches each artist's top tracks from Spotify into raw/top_tracks/dt=D/.",
        footer = "%n" + ExitCode.HELP_LIST)
public final class FetchTracksCommand extends TaskCommand {
    @Override
    protected TaskSummary run() {
        throw TaskException.notRetryable("fetch-tracks-raw-json is not implemented yet");
    }
}
