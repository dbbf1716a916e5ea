package dev.spotifylake.spotify;

/** A request kept failing (5xx, 429, I/O errors, 401) until its attempts ran out. */
public final class RetriesExhaustedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int lastStatus;

    public RetriesExhaustedException(String request, int attempts, int lastStatus, String lastOutcome) {
        super(request + " still failed after " + attempts + " attempts, last: " + lastOutcome);
        this.lastStatus = lastStatus;
    }

    /** The HTTP status of the last answer, or 0 when the last attempt got no answer (I/O error, timeout). */
    public int lastStatus() {
        return lastStatus;
    }
}
