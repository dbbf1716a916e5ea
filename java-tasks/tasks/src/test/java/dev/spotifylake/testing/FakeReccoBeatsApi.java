package dev.spotifylake.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A hand-written ReccoBeats for unit tests, answering in the shapes its documentation and live answers show:
 * {@code GET /v1/artist?ids=}, {@code /v1/artist/{uuid}/track?page=&size=} and {@code /v1/audio-features?ids=},
 * entries in reverse order of the ids asked (so that matching by position fails), unknown ids left out, more than
 * 40 ids refused with its error body. Every artist has {@link #tracksOf} tracks, listed by Spotify track id; every
 * track has features, except what a test declares unknown (left out of its answers).
 */
public final class FakeReccoBeatsApi extends FakeApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARTIST_LOOKUP = "/v1/artist?ids=";

    private volatile ToIntFunction<String> trackCount = artistId -> 3;

    public void tracksPerArtist(ToIntFunction<String> count) {
        trackCount = count;
    }

    /** The ReccoBeats id the fake gives an artist or track. */
    public static String reccoBeatsId(String spotifyId) {
        return UUID.nameUUIDFromBytes(spotifyId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** An artist's tracks' Spotify ids, as its pages list them. */
    public List<String> tracksOf(String artistId) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < trackCount.applyAsInt(artistId); i++) {
            ids.add("R" + artistId.substring(artistId.length() - 16) + String.format("%05d", i));
        }
        return ids;
    }

    /** A track's popularity: spread over 0-100, so that the ranking is not the listing order. */
    public static int popularity(String trackId) {
        return Math.floorMod(trackId.hashCode() * 31, 101);
    }

    /** US for two tracks in three, SE for the others, CA for one in two. */
    public static String countries(String trackId) {
        int n = Integer.parseInt(trackId.substring(17));
        return (n % 3 == 2 ? "SE" : "US") + (n % 2 == 0 ? ",CA" : "");
    }

    @Override
    protected Response failure(int status, URI uri) {
        return error(status, status == 404 ? 4041 : 5001, "scripted failure", uri.getRawPath());
    }

    @Override
    protected Response answer(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (path.equals("/v1/artist") || path.equals("/v1/audio-features")) {
            List<String> ids = List.of(query.replaceFirst("^ids=", "").split(","));
            if (ids.size() > 40) {
                return error(400, 4002, "Number of ids must be less than or equal to 40", path);
            }
            ArrayNode content = JSON.createArrayNode();
            List<String> reversed = new ArrayList<>(ids);
            Collections.reverse(reversed);
            for (String id : reversed) {
                if (!unknownIds.contains(id)) {
                    content.add(path.equals("/v1/artist") ? artist(id) : features(id));
                }
            }
            return json(200, JSON.createObjectNode().set("content", content));
        }
        if (path.matches("/v1/artist/[^/]+/track")) {
            String reccoBeatsId = path.split("/")[3];
            Map<String, String> parameters = parameters(query);
            int page = Integer.parseInt(parameters.getOrDefault("page", "0"));
            int size = Integer.parseInt(parameters.getOrDefault("size", "25"));
            String artistId = artistOf(reccoBeatsId);
            if (artistId == null) {
                return error(404, 4041, "Artist not found", path);
            }
            List<String> tracks = tracksOf(artistId);
            ArrayNode content = JSON.createArrayNode();
            tracks.stream().skip((long) page * size).limit(size).forEach(id -> content.add(track(id, artistId)));
            ObjectNode answer = JSON.createObjectNode().set("content", content);
            answer.put("page", page).put("size", size).put("totalElements", tracks.size())
                    .put("totalPages", (tracks.size() + size - 1) / size);
            return json(200, answer);
        }
        return error(404, 4042, "No static resource " + path, path);
    }

    /** The Spotify id of an artist asked so far whose ReccoBeats id this is. */
    private String artistOf(String reccoBeatsId) {
        for (String earlier : requests()) {
            if (earlier.startsWith(ARTIST_LOOKUP)) {
                for (String id : earlier.substring(ARTIST_LOOKUP.length()).split(",")) {
                    if (reccoBeatsId(id).equals(reccoBeatsId)) {
                        return id;
                    }
                }
            }
        }
        return null;
    }

    private static ObjectNode artist(String id) {
        return JSON.createObjectNode().put("id", reccoBeatsId(id)).put("name", "Artist " + id)
                .put("href", "https://open.spotify.com/artist/" + id);
    }

    private static ObjectNode track(String id, String artistId) {
        ObjectNode track = JSON.createObjectNode().put("id", reccoBeatsId(id)).put("trackTitle", "Track " + id);
        track.putArray("artists").add(artist(artistId));
        return track.put("durationMs", 200_000).put("isrc", "USRC1" + id.substring(15)).putNull("ean").putNull("upc")
                .put("href", "https://open.spotify.com/track/" + id).put("availableCountries", countries(id))
                .put("popularity", popularity(id));
    }

    private static ObjectNode features(String id) {
        return JSON.createObjectNode().put("id", reccoBeatsId(id)).put("href", "https://open.spotify.com/track/" + id)
                .put("acousticness", 0.0000954).put("danceability", 0.5).put("energy", 1).put("instrumentalness", 0)
                .put("key", 5).put("liveness", 0.1).put("loudness", -5.2).put("mode", 1).put("speechiness", 0.04)
                .put("tempo", 120.0).put("valence", 0.3);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2) {
                parameters.put(parts[0], parts[1]);
            }
        }
        return parameters;
    }

    private static Response error(int status, int code, String message, String path) {
        return json(status, JSON.createObjectNode().put("timestamp", "2026-11-20T08:00:00.000+00:00").put("error", message)
                .put("path", "uri=" + path).put("status", code));
    }

    private static Response json(int status, ObjectNode body) {
        return json(status, body.toString());
    }
}
