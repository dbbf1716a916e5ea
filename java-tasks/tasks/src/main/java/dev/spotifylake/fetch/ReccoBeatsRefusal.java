package dev.spotifylake.fetch;

import dev.spotifylake.common.TaskException;

/** What a 403 from ReccoBeats means, for both of its datasets: not Development Mode, a refused or blocked client. */
final class ReccoBeatsRefusal {
    private ReccoBeatsRefusal() {
    }

    static String why(String reason) {
        return "ReccoBeats answered 403 Forbidden (" + reason + "): it refuses requests without a User-Agent of their "
                + "own, and may block a client that sent too many requests for a while.";
    }

    /** A block may be lifted: the task fails with exit 1, so that Airflow retries it later. */
    static TaskException end(String reason) {
        return TaskException.retryable(why(reason) + " Lower --reccobeats-rate-limit or --reccobeats-concurrency; "
                + "Airflow retries the task later.");
    }
}
