package dev.spotifylake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import dev.spotifylake.Main;
import dev.spotifylake.common.Environment;

/**
 * Runs the command line in-process, the way Airflow runs the jar, and checks what it answered:
 * {@code Cli.run("load-s3 --dt 2026-11-20").exitCode(2).errContains("...")}.
 */
public record Cli(int exitCode, String out, String err) {
    public static Cli run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.execute(args, new Environment(environment), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exitCode, out.toString(), err.toString());
    }

    public static Cli run(String... args) {
        return run(Map.of(), args);
    }

    public Cli exitCode(int expected) {
        assertThat(exitCode).as("exit code; stderr was:%n%s", err).isEqualTo(expected);
        return this;
    }

    public Cli ok() {
        return exitCode(0);
    }

    public Cli outContains(String text) {
        assertThat(out).contains(text);
        return this;
    }

    public Cli errContains(String text) {
        assertThat(err).contains(text);
        return this;
    }

    public Cli errDoesNotContain(String text) {
        assertThat(err).doesNotContain(text);
        return this;
    }

    /** The last line of stdout: the JSON summary that Airflow pushes to XCom. */
    public String summaryLine() {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
