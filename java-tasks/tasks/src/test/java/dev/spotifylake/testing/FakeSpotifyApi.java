package dev.spotifylake.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written Web API for unit tests of the fetch tasks: every artist has two top tracks derived from its id,
 * every track has audio features, except what a test declares unknown (404 / null) or refused (403). A request
 * whose path matches {@link #failingWith} keeps answering that status. Counts every request; the token requests
 * are not in {@link #requests()}.
 */
public final class FakeSpotifyApi extends FakeApi {
    private final AtomicInteger tokens = new AtomicInteger();

    /** Development Mode: 403 with no message on every API request. */
    public void forbidden() {
        failingWith(403, path -> true);
    }

    /** The ids of the two tracks the fake gives an artist. */
    public static List<String> trackIdsOf(String artistId) {
        return List.of("T" + artistId.substring(1), "U" + artistId.substring(1));
    }

    @Override
    public Response send(Request request) {
        if (request.uri().getPath().endsWith("/api/token")) {
            return json(200, "{\"access_token\":\"fake-" + tokens.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
        return super.send(request);
    }

    @Override
    protected Response failure(int status, URI uri) {
        return json(status, "{\"error\":{\"status\":" + status + "}}");
    }

    @Override
    protected Response answer(URI uri) {
        if (uri.getPath().contains("/top-tracks")) {
            String id = uri.getPath().replaceAll(".*/artists/([^/]+)/top-tracks", "$1");
            if (unknownIds.contains(id)) {
                return json(404, "{\"error\":{\"status\":404,\"message\":\"Resource not found\"}}");
            }
            List<String> tracks = trackIdsOf(id);
            // pretty-printed on purpose: the raw line must still be one line
            return json(200, "{\n  \"tracks\": [{\"id\":\"" + tracks.get(0) + "\",\"popularity\":50},\n"
                    + "  {\"id\":\"" + tracks.get(1) + "\",\"popularity\":7}]\n}");
        }
        if (uri.getPath().endsWith("/audio-features")) {
            String ids = uri.getRawQuery().replaceFirst("^ids=", "");
            List<String> entries = new ArrayList<>();
            for (String id : ids.split(",")) {
                entries.add(unknownIds.contains(id) ? "null"
                        : "{\"id\":\"" + id + "\",\"danceability\":0.5,\"instrumentalness\":0}");
            }
            return json(200, "{\"audio_features\":[" + String.join(",", entries) + "]}");
        }
        return json(404, "{\"error\":{\"status\":404,\"message\":\"Service not found\"}}");
    }

    /** Distinct paths asked more than once. */
    public Set<String> repeatedRequests() {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (String path : requests()) {
            if (!seen.add(path)) {
                repeated.add(path);
            }
        }
        return repeated;
    }
}
