package dev.spotifylake.reprocess;

import java.util.List;

/** Runs one subcommand of the jar, exactly as its own process would run it: the same options, logic and exit code. */
@FunctionalInterface
public interface Subcommands {
    Outcome run(List<String> arguments);

    /**
     * What a subcommand answered.
     *
     * @param error its error line without the {@code error: } that starts it, or null when it printed none
     */
    record Outcome(int exitCode, String error) {
        /** From its exit code and what it printed on stderr: the error is the first line. */
        public static Outcome of(int exitCode, String err) {
            return new Outcome(exitCode, err.isBlank() ? null : err.strip().lines().findFirst().orElseThrow()
                    .replaceFirst("^error: ", ""));
        }
    }
}
