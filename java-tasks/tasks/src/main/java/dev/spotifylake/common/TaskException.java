package dev.spotifylake.common;

/**
 * A task failure that knows its exit code. Thrown from anywhere in a task; {@link dev.spotifylake.Main} turns it
 * into a one-line message on stderr and the exit code, with the stack trace only under {@code --verbose}.
 */
public class TaskException extends RuntimeException {
    private final int exitCode;

    public TaskException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public TaskException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    /** Network trouble, throttling, server errors: Airflow retries the task. */
    public static TaskException retryable(String message, Throwable cause) {
        return new TaskException(ExitCode.RETRYABLE, message, cause);
    }

    public static TaskException retryable(String message) {
        return retryable(message, null);
    }

    /** Bad arguments or configuration, refused credentials, a broken contract: retrying cannot help. */
    public static TaskException notRetryable(String message, Throwable cause) {
        return new TaskException(ExitCode.NOT_RETRYABLE, message, cause);
    }

    public static TaskException notRetryable(String message) {
        return notRetryable(message, null);
    }

    /** The input of this dt is empty; downstream tasks are skipped. */
    public static TaskException nothingToDo(String message) {
        return new TaskException(ExitCode.NOTHING_TO_DO, message, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
