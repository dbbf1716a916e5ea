package dev.spotifylake.common;

import java.time.Clock;

import picocli.CommandLine.Option;

/** The {@code --max-late-days} option of the tasks that take a snapshot: extract-artists and the fetches. */
public class LateSnapshotOptions {
    @Option(names = "--max-late-days", paramLabel = "DAYS", defaultValue = "7",
            description = "When dt has no raw data yet and lies more than this many days in the past, skip (exit 99) "
                    + "rather than record today's answers as that day's; within it, today's answers are recorded as "
                    + "a late snapshot (manifest: late, late_days) (env MAX_LATE_DAYS; default: ${DEFAULT-VALUE}).")
    @Env("MAX_LATE_DAYS")
    private int maxLateDays;

    public LateSnapshots rule() {
        return new LateSnapshots(maxLateDays, Clock.systemUTC());
    }
}
