package dev.spotifylake.dynamodb;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest dt the table holds of each artist of a load, gathered from the segments of a parallel Scan. Items of
 * other artists are passed over.
 */
final class StoredArtists {
    private final Set<String> artists;
    private final Map<String, String> latestDts = new ConcurrentHashMap<>();

    StoredArtists(Set<String> artists) {
        this.artists = Set.copyOf(artists);
    }

    /** One stored item; called from several threads. */
    void add(String artistId, String dt) {
        if (artists.contains(artistId)) {
            latestDts.merge(artistId, dt, (one, other) -> one.compareTo(other) >= 0 ? one : other);
        }
    }

    /** The newest dt of the artist's items, empty when it has none. */
    String latestDt(String artistId) {
        return latestDts.getOrDefault(artistId, "");
    }
}
