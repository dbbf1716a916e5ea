package dev.spotifylake.simulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.spotifylake.simulator.server.Traffic.Seen;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API of one service (Spotify's under /v1, ReccoBeats' under /reccobeats/v1). A request meets, in this order: a
 * dropped connection, the scripted outage, the service's rate limit, the service's own check (Spotify's token,
 * ReccoBeats' User-Agent), random server errors, and only then the service (where Development Mode's 403 comes
 * first). Every request is recorded with its arrival time before the answer leaves, so a client that has its answer
 * finds it counted.
 */
record ApiHandler(SimulatorState state, Service service) implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final int[] SERVER_ERRORS = {500, 502, 503};

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrival = state.clock.millis();
        SimulatorSettings settings = state.settings();
        Route route = service.route(exchange.getRequestURI().getRawPath());
        if (!Endpoint.API.contains(route.endpoint())) {
            answer(exchange, arrival, route, service.unknownPath(route), 0);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            answer(exchange, arrival, route, service.error(405, "Method not allowed", route), 0);
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
            response = service.serverError(500, route);
        }
        answer(exchange, arrival, route, response, settings.latencyMs());
    }

    private Response decide(HttpExchange exchange, Route route, SimulatorSettings settings, long arrival) {
        Outage outage = state.outage();
        if (outage != null && outage.takes(route.endpoint(), arrival)) {
            return outage.response(service, route);
        }
        int wait = service.admit(arrival, settings);
        if (wait > 0) {
            return service.throttled(settings.retryAfterSeconds() > 0 ? settings.retryAfterSeconds() : wait, route);
        }
        Response refused = service.refuse(route, exchange.getRequestHeaders(), settings, arrival);
        if (refused != null) {
            return refused;
        }
        if (settings.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.errorRate()) {
            int status = SERVER_ERRORS[ThreadLocalRandom.current().nextInt(SERVER_ERRORS.length)];
            return service.serverError(status, route);
        }
        return service.answer(route, exchange.getRequestURI().getRawQuery(), settings);
    }

    private void answer(HttpExchange exchange, long arrival, Route route, Response response, int latencyMs)
            throws IOException {
        state.traffic.record(new Seen(arrival, route.endpoint(), response.status(), response.retryAfterSeconds()));
        Exchanges.delay(latencyMs);
        Exchanges.send(exchange, response);
    }
}
