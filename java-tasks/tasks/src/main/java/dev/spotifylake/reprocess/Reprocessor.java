package dev.spotifylake.reprocess;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;

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
        List<Callable<DayResult>> work = new ArrayList<>();
        for (LocalDate dt : days) {
            work.add(() -> {
                DayResult result = reprocess(dt);
                if (!result.isFailed()) {
                    progress.finished(result);
                }
                log.info("dt={} {} in {} s ({} of {} days){}", dt, result.status(), result.seconds(),
                        finished.incrementAndGet(), days.size(),
                        result.isFailed() ? ": " + result.failedStep() + " exited " + result.exitCode() + ": " + result.error() : "");
                return result;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(daysAtOnce);
        try {
            List<DayResult> results = new ArrayList<>();
            for (Future<DayResult> day : pool.invokeAll(work)) {
                results.add(day.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskException.retryable("interrupted while re-processing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : TaskException.retryable("re-processing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
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
