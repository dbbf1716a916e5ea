package dev.spotifylake.dynamodb;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the table holds of the artists of a load, gathered from the segments of a parallel Scan: each artist's
 * stored track ids and the newest dt among its items. Items of other artists are passed over.
 */
final class StoredArtists {
    private final Set<String> artists;
    private final Map<String, Set<String>> trackIds = new ConcurrentHashMap<>();
    private final Map<String, String> latestDts = new ConcurrentHashMap<>();

    StoredArtists(Set<String> artists) {
        this.artists = Set.copyOf(artists);
    }

    /** One stored item; called from several threads. */
    void add(String artistId, String trackId, String dt) {
        if (artists.contains(artistId)) {
            trackIds.computeIfAbsent(artistId, artist -> ConcurrentHashMap.newKeySet()).add(trackId);
            latestDts.merge(artistId, dt, (one, other) -> one.compareTo(other) >= 0 ? one : other);
        }
    }

    /** The newest dt of the artist's items, empty when it has none. */
    String latestDt(String artistId) {
        return latestDts.getOrDefault(artistId, "");
    }

    Set<String> trackIds(String artistId) {
        return trackIds.getOrDefault(artistId, Set.of());
    }
}
