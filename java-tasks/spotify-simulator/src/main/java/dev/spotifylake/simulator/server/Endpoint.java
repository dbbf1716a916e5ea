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
    UNKNOWN("unknown"),
    RECCOBEATS_ARTISTS("reccobeats:artist"),
    RECCOBEATS_ARTIST_TRACKS("reccobeats:artist-tracks"),
    RECCOBEATS_AUDIO_FEATURES("reccobeats:audio-features"),
    RECCOBEATS_TRACKS("reccobeats:track"),
    RECCOBEATS_UNKNOWN("reccobeats:unknown");

    /** Spotify's Web API endpoints under /v1, which Development Mode may forbid. */
    public static final Set<Endpoint> SPOTIFY_API = EnumSet.of(TOP_TRACKS, AUDIO_FEATURES, ARTISTS, ARTIST);
    /** ReccoBeats' endpoints under /reccobeats/v1. */
    public static final Set<Endpoint> RECCOBEATS_API = EnumSet.of(RECCOBEATS_ARTISTS, RECCOBEATS_ARTIST_TRACKS,
            RECCOBEATS_AUDIO_FEATURES, RECCOBEATS_TRACKS);
    /** The endpoints of both services, which faults and rate limits apply to. */
    public static final Set<Endpoint> API = union(SPOTIFY_API, RECCOBEATS_API);

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

    private static Set<Endpoint> union(Set<Endpoint> first, Set<Endpoint> second) {
        Set<Endpoint> union = EnumSet.copyOf(first);
        union.addAll(second);
        return union;
    }
}
