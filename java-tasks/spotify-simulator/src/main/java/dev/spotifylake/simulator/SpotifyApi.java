package dev.spotifylake.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/** The accounts service's token endpoint and the API under /v1, with the behaviours switched on. */
final class SpotifyApi {
    private static final int MAX_AUDIO_FEATURES_IDS = 100;
    private static final int MAX_ARTISTS_IDS = 50;
    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final Catalog catalog;
    private final Credentials credentials;
    private final Behaviour behaviour;
    private final AccessTokens tokens = new AccessTokens();
    private final LongSupplier clock;

    SpotifyApi(Catalog catalog, Credentials credentials, Behaviour behaviour, LongSupplier clock) {
        this.catalog = catalog;
        this.credentials = credentials;
        this.behaviour = behaviour;
        this.clock = clock;
    }

    /** POST /api/token with client credentials, in the Authorization header (HTTP Basic) or in the form. */
    Answer token(Request request) {
        if (!request.method().equals("POST")) {
            return Answer.error(405, "Method not allowed");
        }
        Map<String, String> form = Request.parseForm(new String(request.body(), StandardCharsets.UTF_8));
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] basic = decodeBasic(authorization.substring(6).trim());
            id = basic[0];
            secret = basic[1];
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return Answer.oauthError("unsupported_grant_type", "grant_type parameter is missing");
        }
        if (!credentials.matches(id, secret)) {
            return Answer.oauthError("invalid_client", "Invalid client");
        }
        long lifetime = behaviour.settings().tokenLifetimeSeconds();
        String token = tokens.issue(lifetime, clock.getAsLong());
        return Answer.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetime + "}");
    }

    /** A request under /v1: faults first, then the bearer token, the rate limit, 403s and the answer itself. */
    Answer api(Endpoint endpoint, Request request) throws InterruptedException {
        Settings settings = behaviour.settings();
        if (settings.latencyMs() > 0) {
            Thread.sleep(settings.latencyMs());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (settings.dropRate() > 0 && random.nextDouble() < settings.dropRate()) {
            return Answer.DROP;
        }
        long now = clock.getAsLong();
        switch (tokens.check(request.header("Authorization"), now)) {
            case MISSING:
                return Answer.unauthorized("No token provided");
            case UNKNOWN:
                return Answer.unauthorized("Invalid access token");
            case EXPIRED:
                return Answer.unauthorized("The access token expired");
            default:
                break;
        }
        if (settings.rateLimit() > 0) {
            OptionalLong retryAfter = behaviour.rateWindow.admit(now, settings.rateLimit(), settings.rateWindowSeconds());
            if (retryAfter.isPresent()) {
                return Answer.throttled(retryAfter.getAsLong());
            }
        }
        if (behaviour.outages.now(now)) {
            return serverError(503);
        }
        if (settings.errorRate() > 0 && random.nextDouble() < settings.errorRate()) {
            return serverError(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
        }
        if (settings.forbidden().contains(endpoint.label())) {
            return Answer.error(403, null);
        }
        if (!request.method().equals("GET")) {
            return Answer.error(405, "Method not allowed");
        }
        return switch (endpoint) {
            case TOP_TRACKS -> topTracks(request);
            case AUDIO_FEATURES -> audioFeatures(request);
            case ARTISTS -> artists(request);
            case ARTIST -> artist(request);
            default -> throw new IllegalArgumentException("not an API endpoint: " + endpoint);
        };
    }

    private Answer topTracks(Request request) {
        String id = pathId(request.path());
        String market = request.query().get("market");
        if (!Catalog.isWellFormedId(id)) {
            return Answer.error(400, "invalid id");
        }
        if (market == null || market.isEmpty()) {
            return Answer.error(400, "Missing market parameter");
        }
        if (!market.matches("[A-Z]{2}")) {
            return Answer.error(400, "Invalid market code");
        }
        if (catalog.artistIndex(id) < 0) {
            return Answer.error(404, "Resource not found");
        }
        return Answer.json(200, catalog.topTracksBody(id, market));
    }

    private Answer audioFeatures(Request request) {
        List<String> ids = ids(request);
        if (ids.isEmpty()) {
            return Answer.error(400, "invalid ids");
        }
        if (ids.size() > MAX_AUDIO_FEATURES_IDS) {
            return Answer.error(400, "Too many ids requested");
        }
        if (!ids.stream().allMatch(Catalog::isWellFormedId)) {
            return Answer.error(400, "invalid id");
        }
        return Answer.json(200, catalog.audioFeaturesBody(ids));
    }

    private Answer artists(Request request) {
        List<String> ids = ids(request);
        if (ids.isEmpty()) {
            return Answer.error(400, "invalid ids");
        }
        if (ids.size() > MAX_ARTISTS_IDS) {
            return Answer.error(400, "Too many ids requested");
        }
        if (!ids.stream().allMatch(Catalog::isWellFormedId)) {
            return Answer.error(400, "invalid id");
        }
        return Answer.json(200, catalog.artistsBody(ids));
    }

    private Answer artist(Request request) {
        String id = pathId(request.path());
        if (!Catalog.isWellFormedId(id)) {
            return Answer.error(400, "invalid id");
        }
        if (catalog.artistIndex(id) < 0) {
            return Answer.error(404, "Resource not found");
        }
        return Answer.json(200, catalog.artistBody(id));
    }

    private static Answer serverError(int status) {
        String message = switch (status) {
            case 500 -> "Server error";
            case 502 -> "Bad gateway";
            default -> "Service unavailable";
        };
        return Answer.error(status, message);
    }

    /** The {id} of /v1/artists/{id} and /v1/artists/{id}/top-tracks. */
    private static String pathId(String path) {
        String rest = path.substring("/v1/artists/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static List<String> ids(Request request) {
        String ids = request.query().get("ids");
        if (ids == null || ids.isBlank()) {
            return List.of();
        }
        return Arrays.asList(ids.split(",", -1));
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? new String[] {decoded, null}
                    : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return new String[] {null, null};
        }
    }
}
