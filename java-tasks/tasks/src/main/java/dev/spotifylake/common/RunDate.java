package dev.spotifylake.common;

import java.time.LocalDate;

import picocli.CommandLine.Option;

/**
 * The {@code --dt} option every task takes: the run's logical date, never "today", so that a backfill of a past
 * date writes that date's partition.
 */
public class RunDate {
    @Option(names = "--dt", required = true, paramLabel = "YYYY-MM-DD", converter = IsoDateConverter.class,
            description = "The logical date of the run (Airflow's {{ ds }}): the dt partition read and written.")
    private LocalDate dt;

    public LocalDate dt() {
        return dt;
    }
}
