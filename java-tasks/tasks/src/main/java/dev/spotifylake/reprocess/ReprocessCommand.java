package dev.spotifylake.reprocess;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.IsoDateConverter;
import dev.spotifylake.common.SummaryCommand;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.LakeConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reprocess --from A --to B}: re-processes a range of days from the raw zone, with no API call, as the DAG's
 * single-day tasks would (flatten and load of each dataset, the similarity, repair; see {@link Reprocessor}), in one
 * JVM and several days at once. For a schema change or a bug fix rolled over past days, without Airflow.
 *
 * <p>Idempotent, and resumable: a re-run of the same range skips the days a killed run finished. Exit codes: 0 every
 * day with raw data was re-processed; 99 no day of the range has raw data; 1 a day failed and a retry may help; 2 a
 * day failed for a reason no retry can fix, or bad options. The summary lists each failed day with its step and error.
 */
@Command(name = "reprocess",
        header = "Re-processes a range of days from raw, in one JVM.",
        description = {"Re-processes the days --from..--to from their raw data, with no API call: for each day "
                + "flatten-to-parquet and load-s3 of every dataset, compute-artist-similarity and its load-s3, then "
                + "repair-athena-partitions, each published exactly as the DAG's single-day tasks publish it, in one "
                + "JVM and --days-at-once days side by side.",
                "Each step takes the lake options given here; its other settings come from the environment, as for "
                        + "the DAG's tasks (QUERY_ENGINE, TRINO_URL or the Athena settings, LAKE_DATABASE, ...).",
                "A killed run is resumed by running the same range again: the days it finished are skipped "
                        + "(--restart does them again)."})
public final class ReprocessCommand extends SummaryCommand {
    private static final Logger log = LoggerFactory.getLogger(ReprocessCommand.class);

    private final Subcommands subcommands;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", converter = IsoDateConverter.class,
            description = "The first day of the range.")
    private LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", converter = IsoDateConverter.class,
            description = "The last day of the range (included).")
    private LocalDate to;

    @Option(names = "--days-at-once", paramLabel = "N", defaultValue = "2", converter = AtLeast.One.class,
            description = "Days re-processed side by side; each day's steps run one after another (default: "
                    + "${DEFAULT-VALUE}). Memory grows with N: each day holds what its task would hold.")
    private int daysAtOnce;

    @Option(names = "--restart",
            description = "Re-process every day, also those that an interrupted earlier run of this range finished.")
    private boolean restart;

    public ReprocessCommand(Subcommands subcommands) {
        this.subcommands = requireNonNull(subcommands, "subcommands is null");
    }

    @Override
    protected TaskSummary run() {
        if (to.isBefore(from)) {
            throw TaskException.notRetryable("--to " + to + " is before --from " + from);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (to.isAfter(today)) {
            throw TaskException.notRetryable("--to " + to + " is after today (" + today + " UTC): a day that has not "
                    + "come yet has no raw data to re-process");
        }
        try (LakeConnection connection = lake().connect()) {
            RangeProgress progress = new RangeProgress(connection.store(), from, to);
            if (restart) {
                progress.forget();
            }
            Set<LocalDate> finishedBefore = progress.finishedDays();
            List<LocalDate> days = from.datesUntil(to.plusDays(1)).filter(day -> !finishedBefore.contains(day)).toList();
            log.info("re-processing {} days of {}..{}, {} at once{}", days.size(), from, to, daysAtOnce,
                    finishedBefore.isEmpty() ? "" : "; " + finishedBefore.size() + " days finished by an interrupted "
                            + "earlier run are skipped (--restart does them again)");
            long start = System.nanoTime();
            List<DayResult> results = new Reprocessor(subcommands, lake().arguments(), progress, daysAtOnce).run(days);
            List<DayResult> failed = results.stream().filter(DayResult::isFailed).toList();
            if (failed.isEmpty()) {
                progress.forget();
            }
            return summary(results, failed, finishedBefore.size())
                    .with("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        }
    }

    private TaskSummary summary(List<DayResult> results, List<DayResult> failed, int resumed) {
        String range = from + ".." + to;
        List<String> empty = results.stream().filter(day -> "nothing_to_do".equals(day.status()))
                .map(DayResult::dt).toList();
        TaskSummary summary;
        if (!failed.isEmpty()) {
            boolean retryable = failed.stream().anyMatch(day -> day.exitCode() == ExitCode.RETRYABLE);
            summary = TaskSummary.failed("reprocess", range, retryable ? ExitCode.RETRYABLE : ExitCode.NOT_RETRYABLE);
        } else if (resumed == 0 && empty.size() == results.size()) {
            summary = TaskSummary.nothingToDo("reprocess", range);
        } else {
            summary = TaskSummary.done("reprocess", range);
        }
        return summary.with("days", results.size() + resumed)
                .with("reprocessed", results.size() - failed.size() - empty.size())
                .with("resumed", resumed)
                .with("nothing_to_do", empty)
                .with("failed", failed.stream().map(day -> Map.of("dt", day.dt(), "step", day.failedStep(),
                        "exit_code", day.exitCode(), "error", String.valueOf(day.error()))).toList());
    }
}
