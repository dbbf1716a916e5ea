package dev.spotifylake.common;

/**
 * The exit codes every task answers with; the Airflow DAG maps them onto task states.
 * Declared once here and listed in every command's {@code --help}.
 */
public final class ExitCode {
    /** Done, also when the output already existed and nothing had to be redone. */
    public static final int OK = 0;
    /** Failed, and a retry may help: network, throttling, server errors. */
    public static final int RETRYABLE = 1;
    /** Failed, and a retry cannot help: bad arguments or config, credentials refused, a 403, a broken contract. */
    public static final int NOT_RETRYABLE = 2;
    /** The input for this dt is empty: Airflow skips the task and what follows. */
    public static final int NOTHING_TO_DO = 99;

    /** The exit-code list shown at the bottom of every command's help. */
    public static final String HELP_LIST = """
            Exit codes:
              0   done (also when the output already existed)
              1   failed, a retry may help (network, throttling, server errors)
              2   failed, a retry cannot help (bad arguments or config,
                  credentials refused, a 403 from Spotify, a broken contract)
              99  nothing to do: the input for this dt is empty (Airflow skips downstream)""";

    private ExitCode() {
    }
}
