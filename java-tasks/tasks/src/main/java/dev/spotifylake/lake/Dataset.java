package dev.spotifylake.lake;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The lake's datasets; their names are the folder names under each zone and the table-name stems. A derived
 * dataset is computed from curated tables by its own task: it has no raw zone.
 */
public enum Dataset {
    ARTISTS("artists", false),
    TOP_TRACKS("top_tracks", false),
    AUDIO_FEATURES("audio_features", false),
    ARTIST_SIMILARITY("artist_similarity", true);

    private final String folder;
    private final boolean derived;

    Dataset(String folder, boolean derived) {
        this.folder = folder;
        this.derived = derived;
    }

    public String folder() {
        return folder;
    }

    /** Computed from other curated tables, not flattened from raw JSON. */
    public boolean derived() {
        return derived;
    }

    /** The dataset of a folder name (top_tracks), as manifests and stats files write it. */
    public static Dataset fromName(String name) {
        return Arrays.stream(values())
                .filter(dataset -> dataset.folder.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Dataset::folder).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return folder;
    }
}
