package dev.spotifylake.reprocess;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.Cli;

class ReprocessCommandTest {
    @Test
    void helpNamesTheStepsTheResumeAndTheExitCodes() {
        Cli.run("reprocess", "--help").ok()
                .outContains("--from=YYYY-MM-DD").outContains("--to=YYYY-MM-DD").outContains("--days-at-once=N")
                .outContains("flatten-to-parquet").outContains("repair-athena-partitions").outContains("--restart")
                .outContains("99  nothing to do");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedWithOneLine() {
        Cli.run("reprocess", "--from", "2026-11-05", "--to", "2026-11-01").exitCode(2)
                .errContains("--to 2026-11-01 is before --from 2026-11-05").errDoesNotContain("\tat ");
    }

    @Test
    void aRangeThatEndsAfterTodayIsRefusedWithOneLine() {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        Cli.run("reprocess", "--from", "2026-11-01", "--to", tomorrow).exitCode(2)
                .errContains("--to " + tomorrow + " is after today");
    }

    @Test
    void aDateThatIsNotOnTheCalendarIsRefused() {
        Cli.run("reprocess", "--from", "2026-02-30", "--to", "2026-03-01").exitCode(2)
                .errContains("'2026-02-30' is not a calendar date of the form YYYY-MM-DD");
    }

    @Test
    void noDaysAtOnceIsRefused() {
        Cli.run("reprocess", "--from", "2026-11-01", "--to", "2026-11-01", "--days-at-once", "0").exitCode(2)
                .errContains("Invalid value for option '--days-at-once': must be at least 1, got 0");
    }
}
