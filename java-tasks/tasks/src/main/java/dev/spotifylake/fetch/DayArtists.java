package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.raw.RawPartition;

/**
 * What both top-tracks fetches ask for, whatever the source: the artists of a dt's snapshot (raw/artists/dt=D/,
 * never MySQL again) in each market, so many artists to a part file.
 */
record DayArtists(RawPartition snapshot, List<String> markets, int artistsPerPart) {
    DayArtists {
        requireNonNull(snapshot, "snapshot is null");
        markets = List.copyOf(markets);
    }

    /** The distinct ids as extract-artists wrote them, sorted; fails (exit 2) when the snapshot is not complete. */
    TreeSet<String> ids() {
        if (snapshot.current().isEmpty()) {
            throw TaskException.notRetryable(snapshot.location() + " holds no complete artist snapshot (no "
                    + LakePaths.MANIFEST_FILE + "): run extract-artists for dt=" + snapshot.dt() + " first");
        }
        TreeSet<String> ids = new TreeSet<>();
        snapshot.forEachLine(line -> ids.add(line.path("id").asText()));
        return ids;
    }

    /** The input the raw pointer's summary records: the ranking downstream reads the markets from it. */
    Map<String, Object> input(Set<String> ids) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("artists", ids.size());
        input.put("markets", markets);
        return input;
    }
}
