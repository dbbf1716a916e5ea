package dev.spotifylake.reprocess;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import dev.spotifylake.common.ExitCode;

/**
 * One subcommand of a day's re-processing and when it runs, as the DAG's trigger rules decide it there: after every
 * step it needs was done, or, for repair, after at least one was ({@code anyNeedSuffices}). A step whose needs were
 * not met is skipped, as Airflow skips what follows a task that answered 99.
 *
 * @param name how the log and the summary call it, e.g. {@code load-s3 top_tracks}
 * @param arguments the command line of the subcommand
 * @param needs the names of the steps it runs after
 */
record Step(String name, List<String> arguments, List<String> needs, boolean anyNeedSuffices) {
    Step {
        requireNonNull(name, "name is null");
        arguments = List.copyOf(arguments);
        needs = List.copyOf(needs);
    }

    /** Whether the step runs, given the exit codes of the steps before it (a skipped step counts as 99). */
    boolean ready(Map<String, Integer> exitCodes) {
        if (needs.isEmpty()) {
            return true;
        }
        var done = needs.stream().map(need -> exitCodes.getOrDefault(need, ExitCode.NOTHING_TO_DO) == ExitCode.OK);
        return anyNeedSuffices ? done.anyMatch(Boolean::booleanValue) : done.allMatch(Boolean::booleanValue);
    }
}
