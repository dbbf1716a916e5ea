package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of a fetch and what it is about.
 *
 * @param relativePath the request under the API root, e.g. {@code artists/ID/top-tracks?market=US}
 * @param envelope the fields that open its raw line, e.g. {@code {"artist_id": ..., "market": "US"}}
 * @param subjects what a failure of this request leaves unfetched, one failure record each, e.g.
 *     {@code [{"artist_id": ..., "market": "US"}]} or one {@code {"track_id": ...}} per id of a batch
 */
public record FetchCall(String relativePath, Map<String, Object> envelope, List<Map<String, Object>> subjects) {
    public FetchCall {
        requireNonNull(relativePath, "relativePath is null");
        envelope = Collections.unmodifiableMap(new LinkedHashMap<>(envelope));
        subjects = List.copyOf(subjects);
    }
}
