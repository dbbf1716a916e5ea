package dev.spotifylake.spotify;

/**
 * A client of one JSON API as the fetch tasks use it: Spotify's Web API or ReccoBeats. Thread-safe: one client
 * serves all the task's threads, behind one rate limiter of its own.
 */
public interface ApiClient {
    /**
     * GETs {@code relative} under the API root. Answers a 2xx with a well-formed JSON body, or any status a retry
     * cannot change (400, 403, 404, ...), for the caller to record.
     *
     * @throws RetriesExhaustedException when 429, 5xx or I/O errors outlast the attempts
     * @throws dev.spotifylake.common.TaskException (exit 1) when the API asks to wait longer than the maximum
     */
    ApiResponse get(String relative) throws InterruptedException, RetriesExhaustedException;

    /**
     * Makes sure requests can be sent before the caller writes anything: a refused secret fails here (exit 2).
     * Nothing to do for an API without credentials.
     */
    void checkCredentials() throws InterruptedException;

    ClientStats stats();

    /** Why the API refused a request, in one line read from its error body, e.g. {@code HTTP 400: ...}. */
    String reason(ApiResponse response);
}
