package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.spotifylake.simulator.catalog.Artist;
import dev.spotifylake.simulator.catalog.ReccoBeatsArtist;
import dev.spotifylake.simulator.catalog.ReccoBeatsCatalog;
import dev.spotifylake.simulator.catalog.ReccoBeatsFeatures;
import dev.spotifylake.simulator.catalog.ReccoBeatsIds;
import dev.spotifylake.simulator.catalog.ReccoBeatsJson;
import dev.spotifylake.simulator.catalog.ReccoBeatsTrack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * ReccoBeats under /reccobeats/v1, answering as https://api.reccobeats.com/v1 does: no authentication, its own rate
 * limit, lists of at most 40 ids (Spotify's or its own) answered in its order with unknown ids left out, pages of an
 * artist's tracks, and errors as {@code {"timestamp", "error", "path": "uri=/v1/...", "status": 4002}} where the
 * status is ReccoBeats' own code (HTTP status times ten plus a digit).
 */
record ReccoBeatsApi(ReccoBeatsCatalog catalog, SimulatorState state) implements Service {
    static final String PREFIX = "/reccobeats";
    static final int MAX_IDS = 40;
    static final int MAX_PAGE_SIZE = 50;
    static final int DEFAULT_PAGE_SIZE = 25;
    /** The User-Agents that HTTP libraries send on their own: ReccoBeats refuses them when told to. */
    private static final List<String> LIBRARY_AGENTS = List.of("java-http-client/", "python-requests/",
            "python-urllib/", "curl/", "wget/", "okhttp/", "apache-httpclient/", "go-http-client/", "axios/");
    private static final String API_PREFIX = PREFIX + "/v1/";

    @Override
    public Route route(String path) {
        String[] segments = path.startsWith(API_PREFIX)
                ? path.substring(API_PREFIX.length()).split("/", -1)
                : new String[0];
        Endpoint endpoint = Endpoint.RECCOBEATS_UNKNOWN;
        String id = null;
        if (segments.length == 1) {
            endpoint = switch (segments[0]) {
                case "artist" -> Endpoint.RECCOBEATS_ARTISTS;
                case "track" -> Endpoint.RECCOBEATS_TRACKS;
                case "audio-features" -> Endpoint.RECCOBEATS_AUDIO_FEATURES;
                default -> Endpoint.RECCOBEATS_UNKNOWN;
            };
        } else if (segments.length == 3 && segments[0].equals("artist") && !segments[1].isEmpty()
                && segments[2].equals("track")) {
            endpoint = Endpoint.RECCOBEATS_ARTIST_TRACKS;
            id = segments[1];
        }
        return new Route(endpoint, id, path);
    }

    @Override
    public int admit(long arrivalMillis, SimulatorSettings settings) {
        return state.reccoBeatsRateWindow.admit(arrivalMillis, settings.reccoBeatsRateLimit(),
                settings.reccoBeatsRateWindowSeconds());
    }

    /** No authentication; when told to, a 403 to requests without a User-Agent of their own. */
    @Override
    public Response refuse(Route route, Headers headers, SimulatorSettings settings, long nowMillis) {
        if (!settings.reccoBeatsUserAgentRequired()) {
            return null;
        }
        String agent = headers.getFirst("User-Agent");
        boolean ownAgent = agent != null && !agent.isBlank()
                && LIBRARY_AGENTS.stream().noneMatch(agent.toLowerCase(Locale.ROOT)::startsWith);
        return ownAgent ? null : error(403, "Forbidden", route);
    }

    @Override
    public Response answer(Route route, String rawQuery, SimulatorSettings settings) {
        return switch (route.endpoint()) {
            case RECCOBEATS_ARTISTS -> several(route, rawQuery, catalog::findArtist, ReccoBeatsArtist::id,
                    ReccoBeatsJson::artists);
            case RECCOBEATS_TRACKS -> several(route, rawQuery, catalog::findTrack, ReccoBeatsTrack::id,
                    ReccoBeatsJson::tracks);
            case RECCOBEATS_AUDIO_FEATURES -> several(route, rawQuery, catalog::audioFeatures,
                    ReccoBeatsFeatures::id, ReccoBeatsJson::audioFeatures);
            case RECCOBEATS_ARTIST_TRACKS -> artistTracks(route, Query.parse(rawQuery));
            default -> throw new IllegalArgumentException("not a ReccoBeats endpoint: " + route.endpoint());
        };
    }

    /** {@code 400 -> 4002}, {@code 404 -> 4041}, {@code 429 -> 4291}, any 5xx {@code -> 5001}, else status * 10 + 1. */
    @Override
    public Response error(int status, String message, Route route) {
        int code = switch (status) {
            case 400 -> 4002;
            case 500, 502, 503, 504 -> 5001;
            default -> status * 10 + 1;
        };
        return Response.json(status, body(code, message, route));
    }

    @Override
    public Response unknownPath(Route route) {
        return Response.json(404, body(4042, "No endpoint GET " + uri(route), route));
    }

    @Override
    public Response throttled(int retryAfterSeconds, Route route) {
        return error(429, "Too many requests", route).withRetryAfter(retryAfterSeconds);
    }

    @Override
    public Response serverError(int status, Route route) {
        return error(status, "Internal server error", route);
    }

    /** A list of ids in one call: entries in ReccoBeats' order (by its id), each once, unknown ids left out. */
    private <T> Response several(Route route, String rawQuery, Function<String, Optional<T>> lookUp,
            Function<T, String> idOf, Function<List<T>, byte[]> body) {
        List<String> ids = new ArrayList<>();
        for (String value : Query.all(rawQuery, "ids")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
        }
        if (ids.isEmpty()) {
            return Response.json(400, body(4001, "Required request parameter 'ids' is not present", route));
        }
        if (ids.size() > MAX_IDS) {
            return invalid(route, "ids", "size must be between 1 and " + MAX_IDS);
        }
        Map<String, T> found = new TreeMap<>();
        for (String id : ids) {
            lookUp.apply(id).ifPresent(entity -> found.put(idOf.apply(entity), entity));
        }
        return Response.json(200, body.apply(List.copyOf(found.values())));
    }

    private Response artistTracks(Route route, Map<String, String> query) {
        Integer page = wholeNumber(query.getOrDefault("page", "0"));
        Integer size = wholeNumber(query.getOrDefault("size", Integer.toString(DEFAULT_PAGE_SIZE)));
        if (page == null || size == null) {
            return error(400, "page and size are whole numbers", route);
        }
        if (page < 0) {
            return invalid(route, "page", "must be greater than or equal to 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return invalid(route, "size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (!ReccoBeatsIds.isWellFormed(route.id())) {
            return error(400, "Invalid UUID string: " + route.id(), route);
        }
        Optional<Artist> artist = catalog.artistOfReccoBeatsId(route.id());
        if (artist.isEmpty()) {
            return error(404, "Artist not found", route);
        }
        return Response.json(200, ReccoBeatsJson.page(catalog.tracks(artist.get(), page, size)));
    }

    /** A 400 of validation: {@code "status": 4004} with the field and what is wrong with it. */
    private Response invalid(Route route, String field, String message) {
        ObjectNode body = body(4004, "Validation failed", route);
        ObjectNode error = body.putArray("errors").addObject();
        error.put("path", field);
        error.put("message", message);
        return Response.json(400, body);
    }

    private ObjectNode body(int code, String message, Route route) {
        ObjectNode body = Response.JSON.createObjectNode();
        body.put("timestamp", Instant.ofEpochMilli(state.clock.millis()).toString());
        body.put("error", message);
        body.put("path", "uri=" + uri(route));
        body.put("status", code);
        return body;
    }

    /** The path as ReccoBeats sees it: without the simulator's /reccobeats prefix. */
    private static String uri(Route route) {
        return route.path().startsWith(PREFIX) ? route.path().substring(PREFIX.length()) : route.path();
    }

    private static Integer wholeNumber(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
