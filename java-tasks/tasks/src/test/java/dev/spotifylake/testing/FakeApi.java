package dev.spotifylake.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.spotifylake.spotify.Transport;

/**
 * What the hand-written APIs of the unit tests share: the ids a test declares unknown, a status that requests
 * whose path matches keep answering, and the log of every API request.
 */
public abstract class FakeApi implements Transport {
    protected final Set<String> unknownIds = ConcurrentHashMap.newKeySet();
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<String> failing = path -> false;
    private volatile int failingStatus;

    /** Ids the API does not know. */
    public void unknown(String... ids) {
        unknownIds.addAll(List.of(ids));
    }

    /** Requests whose path with query matches keep answering {@code status}, until the next call. */
    public void failingWith(int status, Predicate<String> paths) {
        failingStatus = status;
        failing = paths;
    }

    /** The paths with query of every API request, in order. */
    public List<String> requests() {
        synchronized (paths) {
            return List.copyOf(paths);
        }
    }

    @Override
    public Response send(Request request) {
        URI uri = request.uri();
        String path = uri.getRawPath() + "?" + uri.getRawQuery();
        paths.add(path);
        return failing.test(path) ? failure(failingStatus, uri) : answer(uri);
    }

    /** The answer to a request past the scripted failures. */
    protected abstract Response answer(URI uri);

    /** The API's error answer with this status, for a scripted failure. */
    protected abstract Response failure(int status, URI uri);

    protected static Response json(int status, String body) {
        return new Response(status, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
