package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted outage for retry tests: the next {@code count} requests to some endpoints, or all of them for
 * {@code seconds}, answer {@code status} (503 by default). Set with {@code "outage": {...}} in POST /_admin/config,
 * cleared with {@code "outage": null}.
 */
final class Outage {
    private static final long NO_LIMIT = Long.MAX_VALUE;

    private final Set<Endpoint> endpoints;
    private final int status;
    private final int retryAfterSeconds;
    private final AtomicLong remaining;
    private final long untilMillis;

    private Outage(Set<Endpoint> endpoints, int status, int retryAfterSeconds, long count, long untilMillis) {
        this.endpoints = endpoints;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.remaining = new AtomicLong(count);
        this.untilMillis = untilMillis;
    }

    /**
     * From {@code {"endpoint": "top-tracks" | [...] | "*", "status": 503, "count": N, "seconds": T,
     * "retry_after_s": S}}; without count nor seconds it lasts until cleared.
     */
    static Outage fromJson(JsonNode json, long nowMillis) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("an outage is a JSON object");
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!Set.of("endpoint", "status", "count", "seconds", "retry_after_s").contains(name)) {
                throw new IllegalArgumentException("unknown outage field '" + name
                        + "'; known: endpoint, status, count, seconds, retry_after_s");
            }
        });
        JsonNode endpointNode = json.path("endpoint");
        Set<Endpoint> endpoints = endpointNode.isMissingNode() || endpointNode.asText().equals("*")
                ? EnumSet.copyOf(Endpoint.API)
                : SimulatorSettings.endpoints(endpointNode);
        int status = json.path("status").asInt(503);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an outage answers an error status (400-599), not " + status);
        }
        long count = json.has("count") ? json.get("count").asLong() : NO_LIMIT;
        long until = json.has("seconds") ? nowMillis + Math.round(json.get("seconds").asDouble() * 1000) : NO_LIMIT;
        int retryAfter = json.path("retry_after_s").asInt(status == 429 ? 1 : 0);
        return new Outage(endpoints, status, retryAfter, count, until);
    }

    /** Whether this request falls in the outage; a request that does uses up one of its count. */
    boolean takes(Endpoint endpoint, long nowMillis) {
        if (!endpoints.contains(endpoint) || nowMillis >= untilMillis) {
            return false;
        }
        return remaining.getAndUpdate(left -> left == NO_LIMIT || left == 0 ? left : left - 1) > 0;
    }

    /** The outage's answer in the words of the service asked. */
    Response response(Service service, Route route) {
        if (status == 429) {
            return service.throttled(retryAfterSeconds, route);
        }
        Response response = status >= 500
                ? service.serverError(status, route)
                : service.error(status, "Simulated outage", route);
        return retryAfterSeconds > 0 ? response.withRetryAfter(retryAfterSeconds) : response;
    }

    void writeTo(ObjectNode json) {
        endpoints.forEach(endpoint -> json.withArray("endpoint").add(endpoint.jsonName()));
        json.put("status", status);
        long left = remaining.get();
        if (left != NO_LIMIT) {
            json.put("remaining", left);
        }
        if (untilMillis != NO_LIMIT) {
            json.put("until_ms", untilMillis);
        }
        json.put("retry_after_s", retryAfterSeconds);
    }
}
