package dev.spotifylake.reprocess;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.spotifylake.common.ExitCode;

/**
 * How one day's re-processing ended: {@code done} (every step that had input did its work), {@code nothing_to_do}
 * (the day has no raw data) or {@code failed} (a step failed; the steps after it did not run).
 *
 * @param steps the exit code of each step that ran, in order
 * @param failedStep the step that failed, null otherwise
 * @param error the failed step's error line, null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DayResult(String dt, String status, @JsonProperty("exit_code") int exitCode,
        Map<String, Integer> steps, @JsonProperty("failed_step") String failedStep, String error, double seconds) {

    static DayResult finished(String dt, Map<String, Integer> steps, double seconds) {
        boolean didWork = steps.values().stream().anyMatch(exitCode -> exitCode == ExitCode.OK);
        return new DayResult(dt, didWork ? "done" : "nothing_to_do", didWork ? ExitCode.OK : ExitCode.NOTHING_TO_DO,
                new LinkedHashMap<>(steps), null, null, seconds);
    }

    static DayResult failed(String dt, Map<String, Integer> steps, String step, Subcommands.Outcome outcome,
            double seconds) {
        return new DayResult(dt, "failed", outcome.exitCode(), new LinkedHashMap<>(steps), step, outcome.error(),
                seconds);
    }

    boolean isFailed() {
        return exitCode != ExitCode.OK && exitCode != ExitCode.NOTHING_TO_DO;
    }
}
