package dev.spotifylake.common;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code --dt} option every task takes: the run's logical date, never "today", so that a backfill of a past
 * date writes that date's partition. A date after today (UTC) is refused: no answer of today can describe it.
 */
public class RunDate {
    /** Strict: 2026-02-30 is refused rather than rolled over to March. */
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private LocalDate dt;

    @Option(names = "--dt", required = true, paramLabel = "YYYY-MM-DD",
            description = "The logical date of the run (Airflow's {{ ds }}): the dt partition read and written; "
                    + "today (UTC) at the latest.")
    void setDt(String value) {
        try {
            dt = LocalDate.parse(value, ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new ParameterException(mixee.commandLine(),
                    "Invalid value for option '--dt': '" + value + "' is not a calendar date of the form YYYY-MM-DD");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (dt.isAfter(today)) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--dt': " + value
                    + " is after today (" + today + " UTC); a run writes the day it describes, which has not come yet");
        }
    }

    public LocalDate dt() {
        return dt;
    }
}
