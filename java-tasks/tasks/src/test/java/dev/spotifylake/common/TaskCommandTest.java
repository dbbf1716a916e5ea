package dev.spotifylake.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What every subcommand shares: here, what a task tells its operator when the JVM throws an Error. */
class TaskCommandTest {

    @Test
    void aFullHeapFailsAtOnceWithWhatToDo() {
        assertThatThrownBy(failingWith(new OutOfMemoryError("Java heap space"))::call)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageStartingWith("out of memory (Java heap space) in a heap of ")
                .hasMessageContaining("-Xmx; SPOTIFY_LAKE_JVM_OPTIONS");
    }

    @Test
    void otherShortagesAndErrorsAreRetriedAndSaySo() {
        assertThatThrownBy(failingWith(new OutOfMemoryError("unable to create native thread"))::call)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageStartingWith("out of memory (unable to create native thread): the worker ran short");
        assertThatThrownBy(failingWith(new StackOverflowError())::call)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessage("internal error: java.lang.StackOverflowError");
    }

    private static TaskCommand failingWith(Error error) {
        return new TaskCommand() {
            @Override
            protected TaskSummary run() {
                throw error;
            }
        };
    }
}
