package dev.spotifylake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The task jar run as its own process, the way Airflow runs it: for tests that need a small heap, or a kill.
 * Output goes to files, {@code stdout} and {@code stderr}, so that a long run cannot block on a full pipe.
 */
public record JarProcess(Process process, Path stdout, Path stderr) {

    public static Path jar() {
        Path jar = LocalStack.repositoryRoot().resolve("java-tasks/tasks/target/spotify-lake.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
        }
        return jar;
    }

    /** Starts {@code java <jvmOptions> -jar spotify-lake.jar <args>} with the given environment added. */
    public static JarProcess start(Map<String, String> environment, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("spotify-lake-out-", ".txt");
            Path err = Files.createTempFile("spotify-lake-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            return new JarProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the end and answers the exit code; kills the process when it runs past the timeout. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the task ran longer than " + seconds + " s; stderr:\n" + err());
        }
        return process.exitValue();
    }

    /** SIGKILL: the task gets no chance to clean up, as when a worker dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String out() {
        return read(stdout);
    }

    public String err() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
