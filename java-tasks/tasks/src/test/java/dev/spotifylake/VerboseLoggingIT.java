package dev.spotifylake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.testing.JarProcess;

/**
 * {@code --verbose} as the jar's own process sees it: the log level is read once, when the first logger is made,
 * so only a fresh JVM shows whether the option reached it. Needs the packaged jar, no server.
 */
class VerboseLoggingIT {
    @Test
    void verboseLogsTheTasksOwnClassesAtDebugLevel() throws InterruptedException {
        JarProcess task = JarProcess.start(Map.of(), List.of(), "--verbose", "load-s3", "--dt", "2026-02-30");

        assertThat(task.waitFor(60)).isEqualTo(ExitCode.NOT_RETRYABLE);
        assertThat(task.err().lines()).anyMatch(line -> line.contains(" DEBUG Main - spotify-lake "))
                .contains("error: Invalid value for option '--dt': '2026-02-30' is not a calendar date of the form "
                        + "YYYY-MM-DD");
    }

    @Test
    void withoutVerboseThereIsNoDebugLine() throws InterruptedException {
        JarProcess task = JarProcess.start(Map.of(), List.of(), "load-s3", "--dt", "2026-02-30");

        assertThat(task.waitFor(60)).isEqualTo(ExitCode.NOT_RETRYABLE);
        assertThat(task.err()).doesNotContain(" DEBUG ").contains("is not a calendar date");
    }
}
