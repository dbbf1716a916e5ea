package dev.spotifylake.common;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.spotifylake.lake.LakeOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every subcommand that does work: it runs, then prints one JSON summary line on stdout, which Airflow
 * pushes to XCom, and answers the summary's exit code. Subclasses parse their options, call their task's logic and
 * return its summary; failures are thrown as {@link TaskException} and mapped to exit codes in
 * {@link dev.spotifylake.Main}. Every such task works on the lake, so the lake's options ({@link LakeOptions}) are
 * declared here, once.
 */
public abstract class SummaryCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Spec
    private CommandSpec spec;

    @Mixin
    private LakeOptions lake;

    /** Where the lake is and how to reach it. */
    protected final LakeOptions lake() {
        return lake;
    }

    /** Runs the task and answers its summary: counts and output locations. */
    protected abstract TaskSummary run();

    @Override
    public final Integer call() {
        TempFolder.start();
        TaskSummary summary;
        try {
            summary = run();
        } catch (Error e) {
            // one line that says what happened and what to do, instead of a stack trace
            throw TaskException.fromError(e);
        }
        spec.commandLine().getOut().println(toJson(summary.fields()));
        spec.commandLine().getOut().flush();
        return summary.exitCode();
    }

    private static String toJson(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
