package dev.spotifylake.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Computes a column from the small piece of JSON at its path, for values that are not one raw field: the largest
 * image of a list, genres joined into one string. The input is a missing node when the raw line lacks the path.
 */
@FunctionalInterface
public interface Derivation {
    Object apply(JsonNode input) throws ValueProblem;
}
