package dev.spotifylake.simulator.server;

/**
 * Which endpoint a request's path names, and the id in it. Parsed by hand: a regular expression per request would
 * cost more than answering it.
 *
 * @param id the {id} path segment, or null for endpoints without one
 * @param path the request's raw path, for the error bodies that name it
 */
record Route(Endpoint endpoint, String id, String path) {
    private static final String PREFIX = "/v1/";

    /** A path of Spotify's Web API, under /v1. */
    static Route of(String path) {
        if (!path.startsWith(PREFIX)) {
            return new Route(Endpoint.UNKNOWN, null, path);
        }
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        if (segments.length == 1 && segments[0].equals("audio-features")) {
            return new Route(Endpoint.AUDIO_FEATURES, null, path);
        }
        if (!segments[0].equals("artists")) {
            return new Route(Endpoint.UNKNOWN, null, path);
        }
        if (segments.length == 1) {
            return new Route(Endpoint.ARTISTS, null, path);
        }
        if (segments.length == 2 && !segments[1].isEmpty()) {
            return new Route(Endpoint.ARTIST, segments[1], path);
        }
        if (segments.length == 3 && !segments[1].isEmpty() && segments[2].equals("top-tracks")) {
            return new Route(Endpoint.TOP_TRACKS, segments[1], path);
        }
        return new Route(Endpoint.UNKNOWN, null, path);
    }
}
