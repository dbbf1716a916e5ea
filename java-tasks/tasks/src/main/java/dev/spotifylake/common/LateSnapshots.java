package dev.spotifylake.common;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule for a past dt that has no raw data yet, the same for extract-artists and the fetches: what MySQL or
 * Spotify answers now is recorded as that day's snapshot, marked late ({@code late}, {@code late_days} in the
 * manifest), as long as the day lies at most {@code maxLateDays} back; past that, a snapshot taken now would not
 * describe the day, and the task skips (exit 99).
 */
public final class LateSnapshots {
    private static final Logger log = LoggerFactory.getLogger(LateSnapshots.class);

    private final int maxLateDays;
    private final Clock clock;

    public LateSnapshots(int maxLateDays, Clock clock) {
        if (maxLateDays < 0) {
            throw TaskException.notRetryable("--max-late-days (MAX_LATE_DAYS) must be at least 0, got " + maxLateDays);
        }
        this.maxLateDays = maxLateDays;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** How many days after dt a snapshot taken now is: 0 for today's dt. */
    public long lateDays(LocalDate dt) {
        return ChronoUnit.DAYS.between(dt, LocalDate.now(clock));
    }

    /** The summary of the skip when a snapshot taken now would be too late for dt; empty when it may be taken. */
    public Optional<TaskSummary> skipIfTooLate(String task, LocalDate dt) {
        long lateDays = lateDays(dt);
        if (lateDays <= maxLateDays) {
            return Optional.empty();
        }
        log.warn("no complete raw data for dt={} and that day is {} days ago, more than --max-late-days ({}): "
                + "a snapshot taken now would not describe it; skipping", dt, lateDays, maxLateDays);
        return Optional.of(TaskSummary.nothingToDo(task, dt).with("reason", "late").with("late_days", lateDays));
    }
}
