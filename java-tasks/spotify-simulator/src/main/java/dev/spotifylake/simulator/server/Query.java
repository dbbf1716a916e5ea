package dev.spotifylake.simulator.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of a query string or of a form body (application/x-www-form-urlencoded). */
final class Query {
    private Query() {
    }

    /** Each parameter's first value. */
    static Map<String, String> parse(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs(raw)) {
            parameters.putIfAbsent(pair.getKey(), pair.getValue());
        }
        return parameters;
    }

    /** Every value of a parameter, in order, for parameters that may repeat ({@code ids=a&ids=b}). */
    static List<String> all(String raw, String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs(raw)) {
            if (pair.getKey().equals(name)) {
                values.add(pair.getValue());
            }
        }
        return values;
    }

    private static List<Map.Entry<String, String>> pairs(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            pairs.add(Map.entry(name, equals < 0 ? "" : decode(pair.substring(equals + 1))));
        }
        return pairs;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
