package dev.spotifylake.simulator.server;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What the simulator counts requests by; the names appear in the admin API's JSON. */
public enum Endpoint {
    TOKEN("token"),
    TOP_TRACKS("top-tracks"),
    AUDIO_FEATURES("audio-features"),
    ARTISTS("artists"),
    ARTIST("artist"),
    UNKNOWN("unknown");

    /** The Web API endpoints under /v1 that faults, limits and Development Mode apply to. */
    public static final Set<Endpoint> API = EnumSet.of(TOP_TRACKS, AUDIO_FEATURES, ARTISTS, ARTIST);

    private final String jsonName;

    Endpoint(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Endpoint named(String name) {
        for (Endpoint endpoint : values()) {
            if (endpoint.jsonName.equals(name)) {
                return endpoint;
            }
        }
        throw new IllegalArgumentException("unknown endpoint '" + name + "'; known: "
                + Arrays.stream(values()).map(Endpoint::jsonName).collect(Collectors.joining(", ")));
    }
}
