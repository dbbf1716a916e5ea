package dev.spotifylake.flatten;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.testing.Cli;

/** The command lines of flatten-to-parquet and load-s3: options and help, no lake needed. */
class FlattenAndLoadCommandsTest {

    @Test
    void anUnknownDatasetIsABadArgument() {
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20", "--dataset", "tracks").exitCode(ExitCode.NOT_RETRYABLE)
                .errContains("unknown dataset 'tracks', expected one of artists, top_tracks, audio_features");
        Cli.run("load-s3", "--dt", "2026-11-20", "--dataset", "tracks").exitCode(ExitCode.NOT_RETRYABLE);
    }

    @Test
    void theDatasetIsRequired() {
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20").exitCode(ExitCode.NOT_RETRYABLE).errContains("--dataset");
        Cli.run("load-s3", "--dt", "2026-11-20").exitCode(ExitCode.NOT_RETRYABLE).errContains("--dataset");
    }

    @Test
    void zeroThreadsIsRefusedBeforeTheLakeIsOpened() {
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20", "--dataset", "artists", "--threads", "0")
                .exitCode(ExitCode.NOT_RETRYABLE).errContains("must be at least 1");
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.run("flatten-to-parquet", "--help").ok().outContains("99  nothing to do").outContains("--rows-per-file");
        Cli.run("load-s3", "--help").ok().outContains("99  nothing to do").outContains("--dataset=DATASET");
    }
}
