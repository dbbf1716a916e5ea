package dev.spotifylake.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** The derived columns of the curated tables. */
public final class Derivations {
    private Derivations() {
    }

    /**
     * The URL of the largest image of a Spotify image list (by width times height). Spotify lists images widest
     * first and may send null sizes: sized images win over sizeless ones, and among equals the first listed wins.
     * Null for a missing or empty list.
     */
    public static Object largestImageUrl(JsonNode images) throws ValueProblem {
        if (images.isMissingNode() || images.isNull()) {
            return null;
        }
        if (!images.isArray()) {
            throw new ValueProblem("expected an array of images, got " + images.getNodeType().name().toLowerCase());
        }
        String best = null;
        long bestArea = Long.MIN_VALUE;
        for (JsonNode image : images) {
            JsonNode url = image.path("url");
            if (!url.isTextual()) {
                throw new ValueProblem("expected every image to have a url string, got " + image);
            }
            long area = image.path("width").canConvertToLong() && image.path("height").canConvertToLong()
                    ? image.path("width").asLong() * image.path("height").asLong() : -1;
            if (area > bestArea) {
                best = url.asText();
                bestArea = area;
            }
        }
        return best;
    }

    /** The strings of a list joined with ", " in their order; null for a missing, null or empty list. */
    public static Object joinedStrings(JsonNode list) throws ValueProblem {
        if (list.isMissingNode() || list.isNull() || list.isArray() && list.isEmpty()) {
            return null;
        }
        if (!list.isArray()) {
            throw new ValueProblem("expected an array of strings, got " + list.getNodeType().name().toLowerCase());
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new ValueProblem("expected an array of strings, got an element " + item);
            }
            if (!joined.isEmpty()) {
                joined.append(", ");
            }
            joined.append(item.asText());
        }
        return joined.toString();
    }
}
