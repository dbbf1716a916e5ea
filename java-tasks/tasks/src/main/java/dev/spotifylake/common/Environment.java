package dev.spotifylake.common;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * The process environment, passed in rather than read from {@link System#getenv()} so that tests can run the
 * command line in-process with an environment of their own. Options fall back to it through
 * {@link EnvironmentDefaults}; secrets are only ever read from here.
 */
public final class Environment {
    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(requireNonNull(variables, "variables is null"));
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The variable's value, absent when unset or blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    /** A secret that must be set: its absence is a configuration error (exit 2) whose message names the variable. */
    public Secret requiredSecret(String name) {
        return get(name).map(Secret::new).orElseThrow(() -> TaskException.notRetryable(
                "missing configuration: set the environment variable " + name + " (secrets are read from the environment only)"));
    }
}
