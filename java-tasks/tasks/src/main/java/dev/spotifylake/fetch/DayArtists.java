package dev.spotifylake.fetch;

import java.util.TreeSet;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.raw.RawPartition;

/** The artist ids of a dt's snapshot (raw/artists/dt=D/, never MySQL again), for the top-tracks fetches. */
final class DayArtists {
    private DayArtists() {
    }

    /** The distinct ids as extract-artists wrote them, sorted; fails (exit 2) when the snapshot is not complete. */
    static TreeSet<String> ids(RawPartition artists) {
        if (artists.current().isEmpty()) {
            throw TaskException.notRetryable(artists.location() + " holds no complete artist snapshot (no "
                    + LakePaths.MANIFEST_FILE + "): run extract-artists for dt=" + artists.dt() + " first");
        }
        TreeSet<String> ids = new TreeSet<>();
        artists.forEachLine(line -> ids.add(line.path("id").asText()));
        return ids;
    }
}
