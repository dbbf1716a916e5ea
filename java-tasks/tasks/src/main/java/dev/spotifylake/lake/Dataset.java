package dev.spotifylake.lake;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The lake's datasets; their names are the folder names under each zone and the table-name stems. */
public enum Dataset {
    ARTISTS("artists"),
    TOP_TRACKS("top_tracks"),
    AUDIO_FEATURES("audio_features");

    private final String folder;

    Dataset(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }

    /** Accepts the folder name (top_tracks) as users write it; picocli calls this for --dataset. */
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
