package dev.spotifylake.simulator;

import java.util.Arrays;
import java.util.List;

/** Parsing shared by the command line and the admin endpoint. */
final class Options {
    private Options() {
    }

    /** "a, b,c" as [a, b, c]; blank as []. */
    static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
