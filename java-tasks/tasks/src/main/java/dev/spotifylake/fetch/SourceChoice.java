package dev.spotifylake.fetch;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.spotifylake.common.Environment;
import dev.spotifylake.common.TaskException;

/**
 * Which source a fetch asks: {@code spotify} or {@code reccobeats} only, or {@code auto}: Spotify, and ReccoBeats
 * for the whole dt when Spotify refuses the endpoint to the app (403, Development Mode).
 */
enum SourceChoice {
    AUTO,
    SPOTIFY,
    RECCOBEATS;

    /** The {@code --source} option's value, else the variable's, else auto. */
    static SourceChoice of(String option, Environment environment, String variable) {
        if (option != null) {
            return parse(option, "--source");
        }
        return environment.get(variable).map(value -> parse(value, variable)).orElse(AUTO);
    }

    /** Reads an option's or variable's value; anything else is a configuration error (exit 2) naming where it came from. */
    static SourceChoice parse(String value, String where) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TaskException.notRetryable(where + " must be one of " + Arrays.stream(values())
                    .map(choice -> choice.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + ", got '" + value + "'");
        }
    }
}
