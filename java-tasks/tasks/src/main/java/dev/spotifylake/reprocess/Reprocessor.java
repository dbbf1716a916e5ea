package dev.spotifylake.reprocess;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.BoundedWork;
import dev.spotifylake.common.ExitCode;

/**
 * Re-processes days from raw inside one JVM: each day's steps ({@link DayPlan}) one after another, as the DAG chains
 * them, and several days side by side. Each step is the very subcommand a single-day task runs, so a day is
 * published exactly as the DAG publishes it; what is saved is the JVM start and warm-up of every step. A day that
 * finishes is recorded in {@link RangeProgress} at once, so a kill loses at most the days under way.
 */
final class Reprocessor {
    private static final Logger log = LoggerFactory.getLogger(Reprocessor.class);

    private final Subcommands subcommands;
    private final List<String> lakeArguments;
    private final RangeProgress progress;
    private final int daysAtOnce;

    /** @param lakeArguments the lake options every step is given: the lake the progress is kept in */
    Reprocessor(Subcommands subcommands, List<String> lakeArguments, RangeProgress progress, int daysAtOnce) {
        this.subcommands = requireNonNull(subcommands, "subcommands is null");
        this.lakeArguments = List.copyOf(lakeArguments);
        this.progress = requireNonNull(progress, "progress is null");
        this.daysAtOnce = daysAtOnce;
    }

    /** The results of the days, in the order given. */
    List<DayResult> run(List<LocalDate> days) {
        AtomicInteger finished = new AtomicInteger();
        DayResult[] results = new DayResult[days.size()];
        try (BoundedWork work = new BoundedWork("reprocess", daysAtOnce)) {
            for (int index = 0; index < days.size(); index++) {
                int day = index;
                work.submit(() -> {
                    DayResult result = reprocess(days.get(day));
                    if (!result.isFailed()) {
                        progress.finished(result);
                    }
                    log.info("dt={} {} in {} s ({} of {} days){}", result.dt(), result.status(), result.seconds(),
                            finished.incrementAndGet(), days.size(), result.isFailed()
                                    ? ": " + result.failedStep() + " exited " + result.exitCode() + ": " + result.error()
                                    : "");
                    results[day] = result;
                });
            }
            work.awaitAll();
        }
        return List.of(results);
    }

    private DayResult reprocess(LocalDate dt) {
        long start = System.nanoTime();
        Map<String, Integer> exitCodes = new LinkedHashMap<>();
        for (Step step : DayPlan.steps(dt)) {
            if (!step.ready(exitCodes)) {
                continue;
            }
            List<String> arguments = new ArrayList<>(step.arguments());
            arguments.addAll(lakeArguments);
            Subcommands.Outcome outcome = subcommands.run(arguments);
            exitCodes.put(step.name(), outcome.exitCode());
            log.debug("dt={} {}: exit {}", dt, step.name(), outcome.exitCode());
            if (outcome.exitCode() != ExitCode.OK && outcome.exitCode() != ExitCode.NOTHING_TO_DO) {
                return DayResult.failed(dt.toString(), exitCodes, step.name(), outcome, secondsSince(start));
            }
        }
        return DayResult.finished(dt.toString(), exitCodes, secondsSince(start));
    }

    private static double secondsSince(long start) {
        return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    }
}
