package dev.spotifylake.simulator;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * /_admin: GET|POST config (POST /_admin/faults too) changes the behaviours at runtime, GET counters and GET
 * requests report the traffic, POST reset starts over.
 */
final class Admin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SETTINGS = Set.of("rate_limit", "rate_window_seconds", "error_rate", "drop_rate",
            "latency_ms", "token_lifetime_seconds", "forbid", "fail_next", "fail_for_seconds");

    private final Behaviour behaviour;
    private final Traffic traffic;
    private final LongSupplier clock;

    Admin(Behaviour behaviour, Traffic traffic, LongSupplier clock) {
        this.behaviour = behaviour;
        this.traffic = traffic;
        this.clock = clock;
    }

    Answer handle(Request request) {
        String what = request.path().substring("/_admin".length());
        boolean post = request.method().equals("POST");
        try {
            return switch (what) {
                case "/config", "/faults" -> post ? configure(request.body()) : settings();
                case "/counters" -> Answer.json(200, JSON.writeValueAsBytes(counters()));
                case "/requests" -> Answer.json(200, JSON.writeValueAsBytes(requests()));
                case "/reset" -> post ? reset() : Answer.error(405, "POST to reset");
                default -> Answer.error(404, "no admin endpoint " + what);
            };
        } catch (IllegalArgumentException | IOException e) {
            return Answer.json(400, "{\"error\":" + quote(e.getMessage()) + "}");
        }
    }

    private Answer configure(byte[] body) throws IOException {
        JsonNode changes = JSON.readTree(body);
        if (changes == null || !changes.isObject()) {
            throw new IllegalArgumentException("expected a JSON object of " + SETTINGS);
        }
        changes.fieldNames().forEachRemaining(name -> {
            if (!SETTINGS.contains(name)) {
                throw new IllegalArgumentException("unknown setting " + name + ": one of " + SETTINGS);
            }
        });
        Settings now = behaviour.settings();
        behaviour.change(new Settings(
                changes.path("rate_limit").asInt(now.rateLimit()),
                changes.path("rate_window_seconds").asInt(now.rateWindowSeconds()),
                changes.path("error_rate").asDouble(now.errorRate()),
                changes.path("drop_rate").asDouble(now.dropRate()),
                changes.path("latency_ms").asInt(now.latencyMs()),
                changes.path("token_lifetime_seconds").asLong(now.tokenLifetimeSeconds()),
                changes.has("forbid") ? forbidden(changes.get("forbid")) : now.forbidden()));
        if (changes.has("fail_next")) {
            behaviour.outages.failNext(changes.get("fail_next").asInt());
        }
        if (changes.has("fail_for_seconds")) {
            behaviour.outages.failFor(changes.get("fail_for_seconds").asDouble(), clock.getAsLong());
        }
        return settings();
    }

    /** ["top-tracks", "audio-features"] or "top-tracks,audio-features"; [] or "" forbids nothing. */
    private static Set<String> forbidden(JsonNode forbid) {
        Set<String> endpoints = new LinkedHashSet<>();
        if (forbid.isArray()) {
            forbid.forEach(endpoint -> endpoints.add(endpoint.asText()));
        } else {
            endpoints.addAll(Options.list(forbid.asText()));
        }
        return endpoints;
    }

    private Answer settings() throws IOException {
        Settings settings = behaviour.settings();
        ObjectNode json = JSON.createObjectNode();
        json.put("rate_limit", settings.rateLimit());
        json.put("rate_window_seconds", settings.rateWindowSeconds());
        json.put("error_rate", settings.errorRate());
        json.put("drop_rate", settings.dropRate());
        json.put("latency_ms", settings.latencyMs());
        json.put("token_lifetime_seconds", settings.tokenLifetimeSeconds());
        ArrayNode forbid = json.putArray("forbid");
        settings.forbidden().stream().sorted().forEach(forbid::add);
        return Answer.json(200, JSON.writeValueAsBytes(json));
    }

    private ObjectNode counters() {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode endpoints = json.putObject("endpoints");
        long total = 0;
        for (Map.Entry<String, Map<Integer, Long>> endpoint : traffic.counts().entrySet()) {
            ObjectNode statuses = endpoints.putObject(endpoint.getKey());
            for (Map.Entry<Integer, Long> status : endpoint.getValue().entrySet()) {
                statuses.put(Integer.toString(status.getKey()), status.getValue());
                total += status.getValue();
            }
        }
        json.put("total", total);
        return json;
    }

    private ObjectNode requests() {
        ObjectNode json = JSON.createObjectNode();
        ArrayNode requests = json.putArray("requests");
        for (Traffic.Entry entry : traffic.entries()) {
            ObjectNode request = requests.addObject();
            request.put("received_at_ms", entry.receivedAtMillis());
            request.put("time_ms", entry.receivedAtMillis());
            request.put("method", entry.method());
            request.put("path", entry.path());
            request.put("endpoint", entry.endpoint().label());
            request.put("status", entry.status());
            if (entry.retryAfter() != null) {
                request.put("retry_after", entry.retryAfter());
            }
        }
        return json;
    }

    private Answer reset() throws IOException {
        behaviour.reset();
        traffic.clear();
        return settings();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            return "\"\"";
        }
    }
}
