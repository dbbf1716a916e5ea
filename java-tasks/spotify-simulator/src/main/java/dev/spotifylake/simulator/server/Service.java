package dev.spotifylake.simulator.server;

import com.sun.net.httpserver.Headers;

/**
 * One simulated web service behind {@link ApiHandler}'s faults: its routes, its rate window, what it checks before
 * answering, the words and shapes of its errors, and its answers from the catalog.
 */
interface Service {
    /** The route of a path under the service's prefix; an unknown path routes to an endpoint outside the API. */
    Route route(String path);

    /** 0 when the request is admitted by the service's rate limit, else the seconds until its window has room. */
    int admit(long arrivalMillis, SimulatorSettings settings);

    /** Null when the request may go on, else the service's refusal of it (a bad token, a missing User-Agent). */
    Response refuse(Route route, Headers headers, SimulatorSettings settings, long nowMillis);

    /** The answer to a request past every fault. */
    Response answer(Route route, String rawQuery, SimulatorSettings settings);

    Response error(int status, String message, Route route);

    Response unknownPath(Route route);

    Response throttled(int retryAfterSeconds, Route route);

    Response serverError(int status, Route route);
}
