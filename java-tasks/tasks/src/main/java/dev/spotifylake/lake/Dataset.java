package dev.spotifylake.lake;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lake's datasets; their names are the folder names under each zone and the table-name stems. A derived
 * dataset is computed from curated tables by its own task: it has no raw zone.
 */
public enum Dataset {
    ARTISTS(false),
    TOP_TRACKS(false),
    AUDIO_FEATURES(false),
    ARTIST_SIMILARITY(true);

    private final boolean derived;

    Dataset(boolean derived) {
        this.derived = derived;
    }

    /** The dataset's folder and table-name stem: its name in lower case, {@code top_tracks}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Computed from other curated tables, not flattened from raw JSON. */
    public boolean derived() {
        return derived;
    }

    /** The dataset of a folder name (top_tracks), as manifests and stats files write it. */
    public static Dataset fromName(String name) {
        return Arrays.stream(values())
                .filter(dataset -> dataset.folder().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Dataset::folder).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return folder();
    }
}
