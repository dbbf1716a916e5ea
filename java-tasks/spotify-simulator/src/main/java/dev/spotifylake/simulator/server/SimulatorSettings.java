package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The behaviours tests and benchmarks switch: set at start from the command line, changed at runtime through
 * POST /_admin/config with the JSON names below (snake case, as the rest of the API).
 *
 * @param rateLimit requests admitted per rolling window per app; 0 turns the limit off ({@code rate_limit})
 * @param rateWindowSeconds the rolling window, 30 s as Spotify's ({@code rate_window_s})
 * @param retryAfterSeconds a fixed Retry-After for the 429s of both services; 0 answers the time until the window
 *     has room ({@code retry_after_s})
 * @param errorRate the share of API requests answered 500, 502 or 503 ({@code error_rate})
 * @param dropRate the share of API requests whose connection is closed without an answer ({@code drop_rate})
 * @param latencyMs added before every answer of the token endpoint and the API ({@code latency_ms})
 * @param tokenLifetimeSeconds the expires_in of new tokens ({@code token_lifetime_s})
 * @param forbidden Spotify endpoints answering 403 with no message, as to apps in Development Mode
 *     ({@code forbidden})
 * @param reccoBeatsRateLimit ReccoBeats' own limit, requests admitted per rolling window; 0 turns it off
 *     ({@code reccobeats_rate_limit})
 * @param reccoBeatsRateWindowSeconds the rolling window of ReccoBeats' limit ({@code reccobeats_rate_window_s})
 * @param reccoBeatsUserAgentRequired whether ReccoBeats answers 403 to a request without a User-Agent of its own
 *     ({@code reccobeats_user_agent_required})
 */
public record SimulatorSettings(int rateLimit, int rateWindowSeconds, int retryAfterSeconds, double errorRate,
        double dropRate, int latencyMs, int tokenLifetimeSeconds, Set<Endpoint> forbidden, int reccoBeatsRateLimit,
        int reccoBeatsRateWindowSeconds, boolean reccoBeatsUserAgentRequired) {

    public static final SimulatorSettings DEFAULTS =
            new SimulatorSettings(0, 30, 0, 0, 0, 0, 3600, Set.of(), 0, 1, false);

    public SimulatorSettings {
        requireAtLeast("rate_limit", rateLimit, 0);
        requireAtLeast("rate_window_s", rateWindowSeconds, 1);
        requireAtLeast("retry_after_s", retryAfterSeconds, 0);
        requireShare("error_rate", errorRate);
        requireShare("drop_rate", dropRate);
        requireAtLeast("latency_ms", latencyMs, 0);
        requireAtLeast("token_lifetime_s", tokenLifetimeSeconds, 1);
        requireAtLeast("reccobeats_rate_limit", reccoBeatsRateLimit, 0);
        requireAtLeast("reccobeats_rate_window_s", reccoBeatsRateWindowSeconds, 1);
        for (Endpoint endpoint : forbidden) {
            if (!Endpoint.SPOTIFY_API.contains(endpoint)) {
                throw new IllegalArgumentException("forbidden takes Spotify's API endpoints, not "
                        + endpoint.jsonName());
            }
        }
        forbidden = Set.copyOf(forbidden);
    }

    /** These settings with the fields of {@code changes} replaced; unknown fields are refused. */
    SimulatorSettings merge(JsonNode changes) {
        if (!changes.isObject()) {
            throw new IllegalArgumentException("settings are a JSON object");
        }
        int newRateLimit = rateLimit;
        int newRateWindow = rateWindowSeconds;
        int newRetryAfter = retryAfterSeconds;
        double newErrorRate = errorRate;
        double newDropRate = dropRate;
        int newLatency = latencyMs;
        int newLifetime = tokenLifetimeSeconds;
        Set<Endpoint> newForbidden = forbidden;
        int newReccoBeatsRateLimit = reccoBeatsRateLimit;
        int newReccoBeatsRateWindow = reccoBeatsRateWindowSeconds;
        boolean newUserAgentRequired = reccoBeatsUserAgentRequired;
        for (Map.Entry<String, JsonNode> field : changes.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "rate_limit" -> newRateLimit = integer(field.getKey(), value);
                case "rate_window_s" -> newRateWindow = integer(field.getKey(), value);
                case "retry_after_s" -> newRetryAfter = integer(field.getKey(), value);
                case "error_rate" -> newErrorRate = number(field.getKey(), value);
                case "drop_rate" -> newDropRate = number(field.getKey(), value);
                case "latency_ms" -> newLatency = integer(field.getKey(), value);
                case "token_lifetime_s" -> newLifetime = integer(field.getKey(), value);
                case "forbidden" -> newForbidden = endpoints(value);
                case "reccobeats_rate_limit" -> newReccoBeatsRateLimit = integer(field.getKey(), value);
                case "reccobeats_rate_window_s" -> newReccoBeatsRateWindow = integer(field.getKey(), value);
                case "reccobeats_user_agent_required" -> newUserAgentRequired = bool(field.getKey(), value);
                default -> throw new IllegalArgumentException("unknown setting '" + field.getKey() + "'; known: "
                        + "rate_limit, rate_window_s, retry_after_s, error_rate, drop_rate, latency_ms, "
                        + "token_lifetime_s, forbidden, reccobeats_rate_limit, reccobeats_rate_window_s, "
                        + "reccobeats_user_agent_required, outage");
            }
        }
        return new SimulatorSettings(newRateLimit, newRateWindow, newRetryAfter, newErrorRate, newDropRate,
                newLatency, newLifetime, newForbidden, newReccoBeatsRateLimit, newReccoBeatsRateWindow,
                newUserAgentRequired);
    }

    void writeTo(ObjectNode json) {
        json.put("rate_limit", rateLimit);
        json.put("rate_window_s", rateWindowSeconds);
        json.put("retry_after_s", retryAfterSeconds);
        json.put("error_rate", errorRate);
        json.put("drop_rate", dropRate);
        json.put("latency_ms", latencyMs);
        json.put("token_lifetime_s", tokenLifetimeSeconds);
        ArrayNode names = json.putArray("forbidden");
        for (Endpoint endpoint : Endpoint.values()) {
            if (forbidden.contains(endpoint)) {
                names.add(endpoint.jsonName());
            }
        }
        json.put("reccobeats_rate_limit", reccoBeatsRateLimit);
        json.put("reccobeats_rate_window_s", reccoBeatsRateWindowSeconds);
        json.put("reccobeats_user_agent_required", reccoBeatsUserAgentRequired);
    }

    /** Endpoint names from a JSON string or array of strings. */
    static Set<Endpoint> endpoints(JsonNode value) {
        Set<Endpoint> endpoints = EnumSet.noneOf(Endpoint.class);
        if (value.isTextual()) {
            endpoints.add(Endpoint.named(value.asText()));
        } else if (value.isArray()) {
            value.forEach(name -> endpoints.add(Endpoint.named(name.asText())));
        } else {
            throw new IllegalArgumentException("endpoints are a name or an array of names, not " + value);
        }
        return endpoints;
    }

    private static int integer(String name, JsonNode value) {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(name + " is a whole number, not " + value);
        }
        return value.intValue();
    }

    private static boolean bool(String name, JsonNode value) {
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name + " is true or false, not " + value);
        }
        return value.booleanValue();
    }

    private static double number(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " is a number, not " + value);
        }
        return value.doubleValue();
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", not " + value);
        }
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " is a share between 0 and 1, not " + value);
        }
    }
}
