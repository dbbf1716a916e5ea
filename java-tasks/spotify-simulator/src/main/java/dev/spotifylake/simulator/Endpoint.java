package dev.spotifylake.simulator;

/** What a request asked for, as counters and the request log name it. */
public enum Endpoint {
    TOKEN("token"),
    TOP_TRACKS("top-tracks"),
    AUDIO_FEATURES("audio-features"),
    ARTISTS("artists"),
    ARTIST("artist"),
    HEALTH("health"),
    ADMIN("admin"),
    UNKNOWN("unknown");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the endpoints under /v1, which faults, the rate limit and the bearer check apply to. */
    public boolean isApi() {
        return this == TOP_TRACKS || this == AUDIO_FEATURES || this == ARTISTS || this == ARTIST;
    }
}
