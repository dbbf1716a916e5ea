package dev.spotifylake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stack's settings, as {@code make stack-up} wrote them to {@code .local/stack.env}, for integration
 * tests; {@link FreshLake} gives each test a lake of its own.
 */
public final class LocalStack {
    private LocalStack() {
    }

    /** The repository root: failsafe passes it as SPOTIFY_LAKE_HOME; from an IDE, the working directory's parents. */
    public static Path repositoryRoot() {
        String home = System.getenv("SPOTIFY_LAKE_HOME");
        Path start = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("Makefile")) && Files.isDirectory(dir.resolve("java-tasks"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + start);
    }

    /** Every variable of .local/stack.env; fails with a hint when the stack has not been started. */
    public static Map<String, String> environment() {
        Path file = repositoryRoot().resolve(".local/stack.env");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run `make stack-up` before the integration tests");
        }
        try {
            Map<String, String> variables = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                    continue;
                }
                String name = trimmed.substring(0, trimmed.indexOf('=')).replaceFirst("^export\\s+", "");
                variables.put(name, unquote(trimmed.substring(trimmed.indexOf('=') + 1)));
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
