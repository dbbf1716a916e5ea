package dev.spotifylake.fetch;

import java.util.Locale;

/** Where a raw partition's answers come from: one source per version, named in its manifest and the summary. */
public enum Source {
    SPOTIFY,
    RECCOBEATS;

    /** {@code spotify}, {@code reccobeats}: how the lake spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
