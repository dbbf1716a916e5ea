package dev.spotifylake.fetch;

import dev.spotifylake.common.TaskException;

/**
 * An API refused the endpoint to this app (403) and the fetch stopped: the task ends as {@link FetchJob#forbidden}
 * says, unless {@code --source auto} takes the dt from the other source, logging {@link #refusal()}.
 */
final class EndpointRefused extends TaskException {
    private static final long serialVersionUID = 1L;

    private final String refusal;

    EndpointRefused(String refusal, TaskException end) {
        super(end.exitCode(), end.getMessage());
        this.refusal = refusal;
    }

    /** What was refused and why, without the advice of the task's own failure. */
    String refusal() {
        return refusal;
    }
}
