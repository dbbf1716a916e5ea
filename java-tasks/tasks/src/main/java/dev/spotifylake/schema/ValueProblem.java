package dev.spotifylake.schema;

/**
 * A raw value that does not fit its column: its text becomes the reject's reason. Thrown on the rare bad value
 * only, so it carries no stack trace.
 */
public final class ValueProblem extends Exception {
    private static final long serialVersionUID = 1L;

    public ValueProblem(String message) {
        super(message, null, false, false);
    }
}
