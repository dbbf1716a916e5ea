package dev.spotifylake.simulator.server;

import com.sun.net.httpserver.Headers;
import dev.spotifylake.simulator.catalog.Artist;
import dev.spotifylake.simulator.catalog.AudioFeatures;
import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.simulator.catalog.SpotifyIds;
import dev.spotifylake.simulator.catalog.SpotifyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Spotify's Web API under /v1: its bearer tokens, its rate window, its error shapes, Development Mode's 403 and the
 * answers from the catalog.
 */
record SpotifyApi(Catalog catalog, SimulatorState state) implements Service {
    static final int MAX_ARTIST_IDS = 50;
    static final int MAX_TRACK_IDS = 100;

    @Override
    public Route route(String path) {
        return Route.of(path);
    }

    @Override
    public int admit(long arrivalMillis, SimulatorSettings settings) {
        return state.rateWindow.admit(arrivalMillis, settings.rateLimit(), settings.rateWindowSeconds());
    }

    /** Null when the bearer token is good, else the 401 Spotify answers. */
    @Override
    public Response refuse(Route route, Headers headers, SimulatorSettings settings, long nowMillis) {
        String authorization = headers.getFirst("Authorization");
        String message;
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            message = "No token provided";
        } else {
            message = switch (state.tokens.check(authorization.substring("Bearer ".length()).strip(), nowMillis)) {
                case VALID -> null;
                case EXPIRED -> "The access token expired";
                case UNKNOWN -> "Invalid access token";
            };
        }
        if (message == null) {
            return null;
        }
        return Response.error(401, message).withHeader("WWW-Authenticate",
                "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"" + message + "\"");
    }

    @Override
    public Response error(int status, String message, Route route) {
        return Response.error(status, message);
    }

    @Override
    public Response unknownPath(Route route) {
        return Response.error(404, "Service not found");
    }

    @Override
    public Response throttled(int retryAfterSeconds, Route route) {
        return Response.throttled(retryAfterSeconds);
    }

    @Override
    public Response serverError(int status, Route route) {
        return Response.serverError(status);
    }

    /** Development Mode's 403 on the forbidden endpoints, else the catalog's answer. */
    @Override
    public Response answer(Route route, String rawQuery, SimulatorSettings settings) {
        if (settings.forbidden().contains(route.endpoint())) {
            return Response.error(403, null);
        }
        Map<String, String> query = Query.parse(rawQuery);
        return switch (route.endpoint()) {
            case TOP_TRACKS -> topTracks(route.id(), query.get("market"));
            case ARTIST -> artist(route.id());
            case ARTISTS -> several(query.get("ids"), MAX_ARTIST_IDS, this::artistOrNull, SpotifyJson::artists);
            case AUDIO_FEATURES -> several(query.get("ids"), MAX_TRACK_IDS, this::featuresOrNull,
                    SpotifyJson::audioFeatures);
            default -> throw new IllegalArgumentException("not an API endpoint: " + route.endpoint());
        };
    }

    private Response topTracks(String artistId, String market) {
        if (!SpotifyIds.isWellFormed(artistId)) {
            return Response.error(400, "invalid id");
        }
        if (market == null || market.isEmpty()) {
            return Response.error(400, "Missing required parameter: market");
        }
        if (!isMarketCode(market)) {
            return Response.error(400, "Invalid market code");
        }
        return catalog.findArtist(artistId)
                .map(artist -> Response.json(200, SpotifyJson.topTracks(catalog.topTracks(artist, market))))
                .orElseGet(SpotifyApi::notFound);
    }

    private Response artist(String artistId) {
        if (!SpotifyIds.isWellFormed(artistId)) {
            return Response.error(400, "invalid id");
        }
        return catalog.findArtist(artistId)
                .map(artist -> Response.json(200, SpotifyJson.artist(artist)))
                .orElseGet(SpotifyApi::notFound);
    }

    /** Several ids in one call: unknown ids answer a null entry, a malformed one fails the whole call. */
    private <T> Response several(String idList, int maximum, Function<String, T> lookUp,
            Function<List<T>, byte[]> body) {
        if (idList == null || idList.isEmpty()) {
            return Response.error(400, "Missing required parameter: ids");
        }
        String[] ids = idList.split(",", -1);
        if (ids.length > maximum) {
            return Response.error(400, "Too many ids requested");
        }
        List<T> found = new ArrayList<>(ids.length);
        for (String id : ids) {
            if (!SpotifyIds.isWellFormed(id)) {
                return Response.error(400, "invalid id");
            }
            found.add(lookUp.apply(id));
        }
        return Response.json(200, body.apply(found));
    }

    private Artist artistOrNull(String id) {
        return catalog.findArtist(id).orElse(null);
    }

    private AudioFeatures featuresOrNull(String id) {
        return catalog.audioFeatures(id).orElse(null);
    }

    private static Response notFound() {
        return Response.error(404, "Resource not found");
    }

    private static boolean isMarketCode(String market) {
        return market.length() == 2 && isCapital(market.charAt(0)) && isCapital(market.charAt(1));
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
