package dev.spotifylake.fetch;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import picocli.CommandLine.Command;

/** Fetches the audio features of the dt's top tracks into raw/audio_features/dt=D/. */
@Command(name = "fetch-audio-features-raw-json", mixinStandardHelpOptions = true,
        description = "Fetches the audio features of the dt's top tracks into raw/audio_features/dt=D/.",
        footer = "%n" + ExitCode.HELP_LIST)
public final class FetchAudioFeaturesCommand extends TaskCommand {
    @Override
    protected TaskSummary run() {
        throw TaskException.notRetryable("fetch-audio-features-raw-json is not implemented yet");
    }
}
