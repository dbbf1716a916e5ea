package dev.spotifylake.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.InMemoryObjectStore;

class ReprocessorTest {
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final LocalDate SECOND = FIRST.plusDays(1);
    private static final LocalDate THIRD = FIRST.plusDays(2);

    private static final List<String> LAKE = List.of("--lake-uri", "s3://test-lake");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RangeProgress progress = new RangeProgress(store, FIRST, THIRD);
    private final ScriptedSubcommands subcommands = new ScriptedSubcommands();

    @Test
    void eachDayRunsTheDagsStepsInItsOrderAndIsRecordedAsFinished() {
        List<DayResult> results = new Reprocessor(subcommands, LAKE, progress, 1).run(List.of(FIRST));

        assertThat(subcommands.calls).containsExactly(
                "flatten-to-parquet --dataset artists --dt 2026-11-01",
                "load-s3 --dataset artists --dt 2026-11-01",
                "flatten-to-parquet --dataset top_tracks --dt 2026-11-01",
                "load-s3 --dataset top_tracks --dt 2026-11-01",
                "flatten-to-parquet --dataset audio_features --dt 2026-11-01",
                "load-s3 --dataset audio_features --dt 2026-11-01",
                "compute-artist-similarity --dt 2026-11-01",
                "load-s3 --dataset artist_similarity --dt 2026-11-01",
                "repair-athena-partitions --dt 2026-11-01");
        assertThat(results).singleElement().extracting(DayResult::status).isEqualTo("done");
        assertThat(progress.finishedDays()).containsExactly(FIRST);
    }

    @Test
    void aDatasetWithoutRawDataSkipsItsLoadAndTheSimilarityButNotTheOthersOrRepair() {
        subcommands.answer("flatten-to-parquet --dataset audio_features --dt 2026-11-01", 99);

        DayResult day = new Reprocessor(subcommands, LAKE, progress, 1).run(List.of(FIRST)).get(0);

        assertThat(subcommands.calls).doesNotContain("load-s3 --dataset audio_features --dt 2026-11-01",
                "compute-artist-similarity --dt 2026-11-01", "load-s3 --dataset artist_similarity --dt 2026-11-01");
        assertThat(subcommands.calls).contains("load-s3 --dataset top_tracks --dt 2026-11-01")
                .last().isEqualTo("repair-athena-partitions --dt 2026-11-01");
        assertThat(day.status()).isEqualTo("done");
    }

    @Test
    void aDayWithoutAnyRawDataHasNothingToDoAndRunsNoLoadNorRepair() {
        for (String dataset : List.of("artists", "top_tracks", "audio_features")) {
            subcommands.answer("flatten-to-parquet --dataset " + dataset + " --dt 2026-11-01", 99);
        }

        DayResult day = new Reprocessor(subcommands, LAKE, progress, 1).run(List.of(FIRST)).get(0);

        assertThat(subcommands.calls).allMatch(call -> call.startsWith("flatten-to-parquet"));
        assertThat(day.status()).isEqualTo("nothing_to_do");
        assertThat(day.exitCode()).isEqualTo(99);
    }

    @Test
    void aFailedStepStopsItsDayWithItsErrorAndLeavesTheDayUnrecordedWhileOtherDaysGoOn() {
        subcommands.answer("load-s3 --dataset top_tracks --dt 2026-11-02", 1);

        List<DayResult> results = new Reprocessor(subcommands, LAKE, progress, 2).run(List.of(FIRST, SECOND, THIRD));

        assertThat(results).extracting(DayResult::dt).containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
        DayResult failed = results.get(1);
        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.failedStep()).isEqualTo("load-s3 top_tracks");
        assertThat(failed.error()).isEqualTo("scripted failure of load-s3 --dataset top_tracks --dt 2026-11-02");
        assertThat(subcommands.calls).noneMatch(call -> call.endsWith("2026-11-02") && call.startsWith("repair"));
        assertThat(progress.finishedDays()).containsExactly(FIRST, THIRD);
    }

    @Test
    void forgettingARangeLeavesNoProgressBehind() {
        new Reprocessor(subcommands, LAKE, progress, 2).run(List.of(FIRST, SECOND));

        progress.forget();

        assertThat(progress.finishedDays()).isEmpty();
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void progressOfOneRangeIsNotTakenForAnotherRangesProgress() {
        new Reprocessor(subcommands, LAKE, progress, 1).run(List.of(FIRST));

        assertThat(new RangeProgress(store, FIRST, SECOND).finishedDays()).isEmpty();
    }

    /** Answers 0, unless told otherwise for a command line; records every call without the lake options it ends with. */
    private static final class ScriptedSubcommands implements Subcommands {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Integer> exitCodes = new HashMap<>();

        void answer(String commandLine, int exitCode) {
            exitCodes.put(commandLine, exitCode);
        }

        @Override
        public Outcome run(List<String> arguments) {
            assertThat(arguments.subList(arguments.size() - LAKE.size(), arguments.size())).isEqualTo(LAKE);
            String commandLine = String.join(" ", arguments.subList(0, arguments.size() - LAKE.size()));
            calls.add(commandLine);
            int exitCode = exitCodes.getOrDefault(commandLine, 0);
            String err = exitCode == 0 || exitCode == 99 ? "" : "error: scripted failure of " + commandLine + "\n";
            return Outcome.of(exitCode, err);
        }
    }
}
