package dev.spotifylake.dynamodb;

import java.util.Set;

/**
 * An artist's items as the table holds them before a load.
 *
 * @param latestDt the newest dt among them, empty when the artist has none
 * @param trackIds the ids (sort keys) of its items
 */
record StoredArtist(String latestDt, Set<String> trackIds) {
    StoredArtist {
        trackIds = Set.copyOf(trackIds);
    }
}
