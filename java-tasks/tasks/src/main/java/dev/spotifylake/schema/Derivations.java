package dev.spotifylake.schema;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.spotifylake.spotify.SpotifyId;

/** The derived columns of the curated tables. */
public final class Derivations {
    private Derivations() {
    }

    /**
     * The URL of the largest image of a Spotify image list (by width times height). Spotify lists images widest
     * first and may send null sizes: sized images win over sizeless ones, and among equals the first listed wins.
     * Null for a null or empty list.
     */
    public static Object largestImageUrl(JsonParser json) throws IOException, ValueProblem {
        if (!startArray(json, "an array of images")) {
            return null;
        }
        String best = null;
        long bestArea = Long.MIN_VALUE;
        String problem = null;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                problem = "expected every image to be an object, got " + ColumnType.describe(json, token);
                json.skipChildren();
                continue;
            }
            String url = null;
            long width = -1;
            long height = -1;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("url") && value == JsonToken.VALUE_STRING) {
                    url = json.getText();
                } else if (field.equals("width") && value == JsonToken.VALUE_NUMBER_INT) {
                    width = json.getLongValue();
                } else if (field.equals("height") && value == JsonToken.VALUE_NUMBER_INT) {
                    height = json.getLongValue();
                } else {
                    json.skipChildren();
                }
            }
            if (url == null) {
                problem = "expected every image to have a url string";
                continue;
            }
            long area = width >= 0 && height >= 0 ? width * height : -1;
            if (area > bestArea) {
                best = url;
                bestArea = area;
            }
        }
        if (problem != null) {
            throw new ValueProblem(problem);
        }
        return best;
    }

    /** The strings of a list joined with ", " in their order; null for a null or empty list. */
    public static Object joinedStrings(JsonParser json) throws IOException, ValueProblem {
        if (!startArray(json, "an array of strings")) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        String problem = null;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                problem = "expected an array of strings, got an element that is " + ColumnType.describe(json, token);
                json.skipChildren();
                continue;
            }
            if (!joined.isEmpty()) {
                joined.append(", ");
            }
            joined.append(json.getText());
        }
        if (problem != null) {
            throw new ValueProblem(problem);
        }
        return joined.isEmpty() ? null : joined.toString();
    }

    /**
     * A Spotify id, 22 base-62 characters; null for null. Anything else (an empty id, {@code 1; DROP TABLE}) is
     * no Spotify object: its row is a reject, never a curated row.
     */
    public static Object spotifyId(JsonParser json) throws IOException, ValueProblem {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        String got = ColumnType.describe(json, token);
        if (token != JsonToken.VALUE_STRING || !SpotifyId.isValid(json.getText())) {
            json.skipChildren();
            throw new ValueProblem("expected a Spotify id (22 base-62 characters), got " + got);
        }
        return json.getText();
    }

    /**
     * The Spotify id inside a track's Spotify URL, {@code https://open.spotify.com/track/<id>}: the only place where
     * ReccoBeats names the Spotify track an answer is about. Null for null; anything else is a problem.
     */
    public static Object spotifyTrackIdOfUrl(JsonParser json) throws IOException, ValueProblem {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        String got = ColumnType.describe(json, token);
        Optional<String> id = token == JsonToken.VALUE_STRING ? SpotifyId.ofTrackUrl(json.getText()) : Optional.empty();
        if (id.isEmpty()) {
            json.skipChildren();
            throw new ValueProblem("expected https://open.spotify.com/track/<Spotify id>, got " + got);
        }
        return id.get();
    }

    /** True on an array's start; false on null; else skips the value and throws. */
    private static boolean startArray(JsonParser json, String expected) throws IOException, ValueProblem {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            String got = ColumnType.describe(json, token);
            json.skipChildren();
            throw new ValueProblem("expected " + expected + ", got " + got);
        }
        return true;
    }
}
