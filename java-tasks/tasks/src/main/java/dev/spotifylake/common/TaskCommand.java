package dev.spotifylake.common;

import java.time.LocalDate;

import picocli.CommandLine.Mixin;

/**
 * The base of every task of the DAG: a {@link SummaryCommand} for one logical date, the {@code --dt} option.
 */
public abstract class TaskCommand extends SummaryCommand {
    @Mixin
    private RunDate runDate;

    protected LocalDate dt() {
        return runDate.dt();
    }
}
