package dev.spotifylake.common;

import static java.util.Objects.requireNonNull;

/** A credential read from the environment. Its {@code toString()} never shows the value, so logs cannot leak it. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = requireNonNull(value, "value is null");
    }

    /** The plain value, for the one call that sends it to the server that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
