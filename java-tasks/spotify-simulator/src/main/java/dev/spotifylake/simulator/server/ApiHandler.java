package dev.spotifylake.simulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.spotifylake.simulator.server.Traffic.Seen;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web API under /v1. A request meets, in this order: a dropped connection, the scripted outage, the rate
 * limit, the token check, random server errors, Development Mode's 403, and only then the catalog. Every request is
 * recorded with its arrival time before the answer leaves, so a client that has its answer finds it counted.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final SimulatorState state;
    private final SpotifyApi api;

    ApiHandler(SimulatorState state, SpotifyApi api) {
        this.state = state;
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrival = state.clock.millis();
        SimulatorSettings settings = state.settings();
        Route route = Route.of(exchange.getRequestURI().getRawPath());
        if (route.endpoint() == Endpoint.UNKNOWN) {
            answer(exchange, arrival, route, Response.error(404, "Service not found"), 0);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            answer(exchange, arrival, route, Response.error(405, "Method not allowed"), 0);
            return;
        }
        if (settings.dropRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.dropRate()) {
            state.traffic.record(new Seen(arrival, route.endpoint(), Traffic.DROPPED, 0));
            Exchanges.delay(settings.latencyMs());
            // closing before any header was sent closes the socket: the client sees the connection end
            exchange.close();
            return;
        }
        Response response;
        try {
            response = decide(exchange, route, settings, arrival);
        } catch (RuntimeException e) {
            log.warn("answering {} failed", exchange.getRequestURI(), e);
            response = Response.serverError(500);
        }
        answer(exchange, arrival, route, response, settings.latencyMs());
    }

    private Response decide(HttpExchange exchange, Route route, SimulatorSettings settings, long arrival) {
        Outage outage = state.outage();
        if (outage != null && outage.takes(route.endpoint(), arrival)) {
            return outage.response();
        }
        int wait = state.rateWindow.admit(arrival, settings.rateLimit(), settings.rateWindowSeconds());
        if (wait > 0) {
            return Response.throttled(settings.retryAfterSeconds() > 0 ? settings.retryAfterSeconds() : wait);
        }
        Response refused = checkToken(exchange.getRequestHeaders().getFirst("Authorization"), arrival);
        if (refused != null) {
            return refused;
        }
        if (settings.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.errorRate()) {
            int status = SERVER_ERRORS[ThreadLocalRandom.current().nextInt(SERVER_ERRORS.length)];
            return Response.serverError(status);
        }
        if (settings.forbidden().contains(route.endpoint())) {
            return Response.error(403, null);
        }
        return api.answer(route, Query.parse(exchange.getRequestURI().getRawQuery()));
    }

    /** Null when the bearer token is good, else the 401 Spotify answers. */
    private Response checkToken(String authorization, long now) {
        String message;
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            message = "No token provided";
        } else {
            message = switch (state.tokens.check(authorization.substring("Bearer ".length()).strip(), now)) {
                case VALID -> null;
                case EXPIRED -> "The access token expired";
                case UNKNOWN -> "Invalid access token";
            };
        }
        if (message == null) {
            return null;
        }
        return Response.error(401, message).withHeader("WWW-Authenticate",
                "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"" + message + "\"");
    }

    private void answer(HttpExchange exchange, long arrival, Route route, Response response, int latencyMs)
            throws IOException {
        state.traffic.record(new Seen(arrival, route.endpoint(), response.status(), response.retryAfterSeconds()));
        Exchanges.delay(latencyMs);
        Exchanges.send(exchange, response);
    }
}
