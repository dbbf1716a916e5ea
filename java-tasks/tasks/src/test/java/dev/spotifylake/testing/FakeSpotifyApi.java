package dev.spotifylake.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.spotifylake.spotify.Transport;

/**
 * A hand-written Web API for unit tests of the fetch tasks: every artist has two top tracks derived from its id,
 * every track has audio features, except what a test declares unknown (404 / null) or refused (403). A request
 * whose path matches {@link #failingWith(int, Predicate)} keeps answering that status. Counts every request.
 */
public final class FakeSpotifyApi implements Transport {
    private final Set<String> unknownIds = ConcurrentHashMap.newKeySet();
    private final List<String> paths = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile boolean forbidden;
    private volatile int failingStatus;
    private volatile Predicate<String> failing = path -> false;

    public FakeSpotifyApi unknown(String... ids) {
        unknownIds.addAll(List.of(ids));
        return this;
    }

    /** Development Mode: 403 with no message on every API request. */
    public FakeSpotifyApi forbidden() {
        forbidden = true;
        return this;
    }

    public FakeSpotifyApi failingWith(int status, Predicate<String> paths) {
        failingStatus = status;
        failing = paths;
        return this;
    }

    /** The paths with query of every API request, in order. */
    public List<String> requests() {
        synchronized (paths) {
            return List.copyOf(paths);
        }
    }

    /** The ids of the two tracks the fake gives an artist. */
    public static List<String> trackIdsOf(String artistId) {
        return List.of("T" + artistId.substring(1), "U" + artistId.substring(1));
    }

    @Override
    public Response send(Request request) throws IOException {
        URI uri = request.uri();
        if (uri.getPath().endsWith("/api/token")) {
            return json(200, "{\"access_token\":\"fake-" + tokens.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
        String path = uri.getRawPath() + "?" + uri.getRawQuery();
        paths.add(path);
        if (forbidden) {
            return json(403, "{\"error\":{\"status\":403}}");
        }
        if (failing.test(path)) {
            return json(failingStatus, "{\"error\":{\"status\":" + failingStatus + ",\"message\":\"scripted\"}}");
        }
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

    private static Response json(int status, String body) {
        return new Response(status, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
