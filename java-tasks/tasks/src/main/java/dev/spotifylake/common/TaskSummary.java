package dev.spotifylake.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a task did, printed as one JSON line on stdout: the task, the dt, its status and its counts and output
 * locations. Fields keep the order they were added in, so the line reads well in a log.
 */
public final class TaskSummary {
    private final int exitCode;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private TaskSummary(String task, Object dt, String status, int exitCode) {
        this.exitCode = exitCode;
        fields.put("task", task);
        fields.put("dt", dt.toString());
        fields.put("status", status);
    }

    /** The task wrote its output (or found it already complete). */
    public static TaskSummary done(String task, Object dt) {
        return new TaskSummary(task, dt, "done", ExitCode.OK);
    }

    /** The task found nothing to work on for this dt: exit 99, Airflow skips what follows. */
    public static TaskSummary nothingToDo(String task, Object dt) {
        return new TaskSummary(task, dt, "nothing_to_do", ExitCode.NOTHING_TO_DO);
    }

    /** Work of several parts where some failed: the summary still tells what was done, with the failure's exit code. */
    public static TaskSummary failed(String task, Object dt, int exitCode) {
        return new TaskSummary(task, dt, "failed", exitCode);
    }

    public TaskSummary with(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    public int exitCode() {
        return exitCode;
    }

    public Map<String, Object> fields() {
        return new LinkedHashMap<>(fields);
    }
}
