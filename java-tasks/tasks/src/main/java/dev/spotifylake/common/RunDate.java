package dev.spotifylake.common;

import java.time.LocalDate;
import java.time.ZoneOffset;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --dt} option every task takes: the run's logical date, never "today", so that a backfill of a past
 * date writes that date's partition. A date after today (UTC) is refused: no answer of today can describe it.
 */
public class RunDate {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private LocalDate dt;

    @Option(names = "--dt", required = true, paramLabel = "YYYY-MM-DD", converter = IsoDateConverter.class,
            description = "The logical date of the run (Airflow's {{ ds }}): the dt partition read and written; "
                    + "today (UTC) at the latest.")
    void setDt(LocalDate value) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (value.isAfter(today)) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--dt': " + value
                    + " is after today (" + today + " UTC); a run writes the day it describes, which has not come yet");
        }
        dt = value;
    }

    public LocalDate dt() {
        return dt;
    }
}
