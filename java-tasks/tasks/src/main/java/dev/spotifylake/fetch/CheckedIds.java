package dev.spotifylake.fetch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.spotifylake.spotify.SpotifyId;

/**
 * Ids split into Spotify ids, which may go into a URL, and the others, already failures that name them under
 * {@code field} ({@code {"track_id": ..., "reason": "invalid Spotify id..."}}).
 */
record CheckedIds(List<String> valid, List<Map<String, Object>> invalid) {
    static CheckedIds of(Collection<String> ids, String field) {
        List<String> valid = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (String id : ids) {
            if (SpotifyId.isValid(id)) {
                valid.add(id);
            } else {
                invalid.add(Failures.of(Map.of(field, id), null, Failures.INVALID_ID));
            }
        }
        return new CheckedIds(List.copyOf(valid), List.copyOf(invalid));
    }

    /** The valid ids in batches of at most {@code size}, in order: one request each. */
    List<List<String>> batches(int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < valid.size(); from += size) {
            batches.add(valid.subList(from, Math.min(from + size, valid.size())));
        }
        return batches;
    }
}
