package dev.spotifylake.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What every subcommand shares: here, what a task that runs out of memory tells its operator. */
class TaskCommandTest {

    @Test
    void runningOutOfMemoryFailsAtOnceWithWhatToDo() {
        TaskCommand command = new TaskCommand() {
            @Override
            protected TaskSummary run() {
                throw new OutOfMemoryError("Java heap space");
            }
        };

        assertThatThrownBy(command::call)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageStartingWith("out of memory in a heap of ")
                .hasMessageContaining("-Xmx; SPOTIFY_LAKE_JVM_OPTIONS");
    }
}
