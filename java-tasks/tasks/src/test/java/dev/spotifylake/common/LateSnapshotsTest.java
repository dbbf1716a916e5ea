package dev.spotifylake.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LateSnapshotsTest {
    /** 2026-11-27, a minute before midnight UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T23:59:00Z"), ZoneOffset.UTC);
    private final LateSnapshots rule = new LateSnapshots(7, CLOCK);

    @Test
    void aSnapshotOfTodayIsNotLate() {
        assertThat(rule.lateDays(LocalDate.of(2026, 11, 27))).isZero();
        assertThat(rule.skipIfTooLate("extract-artists", LocalDate.of(2026, 11, 27))).isEmpty();
    }

    @Test
    void aDayExactlyMaxLateDaysBackIsStillTakenAndOneMoreIsSkippedWith99() {
        assertThat(rule.skipIfTooLate("extract-artists", LocalDate.of(2026, 11, 20))).isEmpty();

        TaskSummary skipped = rule.skipIfTooLate("extract-artists", LocalDate.of(2026, 11, 19)).orElseThrow();

        assertThat(skipped.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(skipped.fields()).containsEntry("reason", "late").containsEntry("late_days", 8L)
                .containsEntry("dt", "2026-11-19");
    }

    @Test
    void aNegativeLimitIsAConfigurationError() {
        assertThatThrownBy(() -> new LateSnapshots(-1, CLOCK))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessage("--max-late-days (MAX_LATE_DAYS) must be at least 0, got -1");
    }
}
