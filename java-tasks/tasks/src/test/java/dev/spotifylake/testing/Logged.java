package dev.spotifylake.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * A call's result and the WARN lines it logged: slf4j-simple writes to {@code System.err}, which is captured while
 * the call runs (tests run one at a time).
 */
public record Logged<T>(T result, List<String> warnings) {
    public static <T> Logged<T> during(Supplier<T> call) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            T result = call.get();
            return new Logged<>(result, log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(" WARN "))
                    .toList());
        } finally {
            System.setErr(err);
        }
    }
}
