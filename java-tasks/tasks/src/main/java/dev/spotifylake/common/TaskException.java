package dev.spotifylake.common;

/**
 * A task failure that knows its exit code. Thrown from anywhere in a task; {@link dev.spotifylake.Main} turns it
 * into a one-line message on stderr and the exit code, with the stack trace only under {@code --verbose}.
 */
public class TaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

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

    /**
     * An Error of the JVM, on whichever thread, as a task failure with one line for the operator. A full heap fails
     * at once, since a retry with the same heap fails the same way; other shortages (threads, direct buffers) may
     * pass, and anything else is a bug a retry may dodge: both are retried.
     */
    public static TaskException fromError(Error error) {
        String detail = error.getMessage() == null ? "" : " (" + error.getMessage() + ")";
        if (error instanceof OutOfMemoryError && isHeap(error.getMessage())) {
            return notRetryable("out of memory" + detail + " in a heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB: give the JVM more (-Xmx; SPOTIFY_LAKE_JVM_OPTIONS for the DAG's tasks)", error);
        }
        if (error instanceof OutOfMemoryError) {
            return retryable("out of memory" + detail + ": the worker ran short; a retry may find room", error);
        }
        return retryable("internal error: " + error, error);
    }

    private static boolean isHeap(String message) {
        return message != null && (message.contains("Java heap space") || message.contains("GC overhead limit"));
    }

    public int exitCode() {
        return exitCode;
    }
}
