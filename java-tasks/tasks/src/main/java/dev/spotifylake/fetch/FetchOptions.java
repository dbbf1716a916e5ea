package dev.spotifylake.fetch;

import java.time.Duration;

import dev.spotifylake.common.TaskException;
import picocli.CommandLine.Option;

/** The options every raw fetch shares: re-fetching, late snapshots, tolerated failures, progress logs. */
public class FetchOptions {
    @Option(names = "--force",
            description = "Fetch again even when the raw partition of dt is already complete, into a new version: "
                    + "the complete one stays what readers see until the new one is complete.")
    private boolean force;

    @Option(names = "--max-late-days", paramLabel = "DAYS", defaultValue = "7",
            description = "When dt has no raw data yet and lies more than this many days in the past, skip "
                    + "(exit 99) rather than record today's answers as that day's (default: ${DEFAULT-VALUE}).")
    private int maxLateDays;

    @Option(names = "--allowed-failures", paramLabel = "N", defaultValue = "0",
            description = "Requests that may still fail after all their attempts and be recorded in "
                    + "_failures.json; one more fails the task (exit 1), keeping the parts written so far. "
                    + "The next plain run asks for them again (default: ${DEFAULT-VALUE}).")
    private int allowedFailures;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between two progress lines in the log (default: ${DEFAULT-VALUE}).")
    private long progressIntervalSeconds;

    RawFetch.Settings settings(int concurrency) {
        if (maxLateDays < 0 || allowedFailures < 0 || progressIntervalSeconds < 1) {
            throw TaskException.notRetryable("--max-late-days and --allowed-failures must be at least 0, "
                    + "--progress-interval at least 1");
        }
        return new RawFetch.Settings(force, maxLateDays, allowedFailures, concurrency,
                Duration.ofSeconds(progressIntervalSeconds));
    }
}
