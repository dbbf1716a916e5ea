package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API for tests and benchmarks, under /_admin (docs/simulator.md):
 * GET and POST config, GET counters, GET requests[?endpoint=...&since_ms=...], POST reset, POST expire-tokens.
 * Never counted as traffic and never subject to faults.
 */
final class AdminHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    private final SimulatorState state;

    AdminHandler(SimulatorState state) {
        this.state = state;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = answer(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), exchange);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            ObjectNode body = Response.JSON.createObjectNode();
            body.put("error", e.getMessage());
            response = Response.json(400, body);
        }
        Exchanges.send(exchange, response);
    }

    private Response answer(String request, HttpExchange exchange) throws IOException {
        ObjectNode body = Response.JSON.createObjectNode();
        switch (request) {
            case "GET /_admin/config" -> state.writeConfigTo(body);
            case "POST /_admin/config" -> {
                state.change(Response.JSON.readTree(Exchanges.body(exchange)));
                state.writeConfigTo(body);
                log.info("config now {}", body);
            }
            case "GET /_admin/counters" -> state.traffic.writeCountsTo(body);
            case "GET /_admin/requests" -> {
                Map<String, String> query = Query.parse(exchange.getRequestURI().getRawQuery());
                Endpoint endpoint = query.containsKey("endpoint") ? Endpoint.named(query.get("endpoint")) : null;
                long since = query.containsKey("since_ms") ? parseMillis(query.get("since_ms")) : 0;
                state.traffic.writeLogTo(body, endpoint, since);
            }
            case "POST /_admin/reset" -> {
                state.reset();
                state.writeConfigTo(body);
                log.info("reset: config {}", body);
            }
            case "POST /_admin/expire-tokens" -> {
                state.tokens.expireAll(state.clock.millis());
                body.put("expired", true);
            }
            default -> {
                return Response.error(404, "no such admin request: " + request);
            }
        }
        return Response.json(200, body);
    }

    private static long parseMillis(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("since_ms is epoch milliseconds, not " + value);
        }
    }
}
