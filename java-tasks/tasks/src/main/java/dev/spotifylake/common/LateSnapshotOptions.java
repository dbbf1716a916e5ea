package dev.spotifylake.common;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

import picocli.CommandLine.Option;

/** The {@code --max-late-days} option of the tasks that take a snapshot: extract-artists and the fetches. */
public class LateSnapshotOptions {
    private static final int DEFAULT_MAX_LATE_DAYS = 7;
    private static final String VARIABLE = "MAX_LATE_DAYS";

    private final Environment environment;

    @Option(names = "--max-late-days", paramLabel = "DAYS",
            description = "When dt has no raw data yet and lies more than this many days in the past, skip (exit 99) "
                    + "rather than record today's answers as that day's; within it, today's answers are recorded as "
                    + "a late snapshot (manifest: late, late_days) (default: env " + VARIABLE + ", else "
                    + DEFAULT_MAX_LATE_DAYS + ").")
    private Integer maxLateDays;

    public LateSnapshotOptions(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    public LateSnapshots rule() {
        if (maxLateDays != null) {
            return new LateSnapshots(maxLateDays, Clock.systemUTC());
        }
        String configured = environment.get(VARIABLE).orElse(String.valueOf(DEFAULT_MAX_LATE_DAYS));
        try {
            return new LateSnapshots(Integer.parseInt(configured.strip()), Clock.systemUTC());
        } catch (NumberFormatException e) {
            throw TaskException.notRetryable(VARIABLE + " must be a number of days, got '" + configured + "'");
        }
    }
}
