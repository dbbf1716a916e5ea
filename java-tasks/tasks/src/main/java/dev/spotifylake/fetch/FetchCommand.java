package dev.spotifylake.fetch;

import java.time.Duration;

import dev.spotifylake.common.LateSnapshotOptions;
import dev.spotifylake.common.TaskException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every raw fetch shares: re-fetching, late snapshots, tolerated failures, progress logs. */
public class FetchOptions {
    @Option(names = "--force",
            description = "Fetch again even when the raw partition of dt is already complete, into a new version: "
                    + "the complete one stays what readers see until the new one is complete.")
    private boolean force;

    @Mixin
    private LateSnapshotOptions late;

    @Option(names = "--allowed-failures", paramLabel = "N", defaultValue = "0",
            description = "Requests that may still fail after all their attempts and be recorded in "
                    + "_failures.json; one more fails the task (exit 1), keeping the parts written so far. "
                    + "The next plain run asks for them again (default: ${DEFAULT-VALUE}).")
    private int allowedFailures;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between two progress lines in the log (default: ${DEFAULT-VALUE}).")
    private long progressIntervalSeconds;

    RawFetch.Settings settings(int concurrency) {
        if (allowedFailures < 0 || progressIntervalSeconds < 1) {
            throw TaskException.notRetryable("--allowed-failures must be at least 0, --progress-interval at least 1");
        }
        return new RawFetch.Settings(force, late.rule(), allowedFailures, concurrency,
                Duration.ofSeconds(progressIntervalSeconds));
    }
}
