package dev.spotifylake.schema;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Computes a column from the piece of JSON at its path, for values that are not one raw field: the largest image
 * of a list, genres joined into one string. It reads that piece as it streams by, without building it: the parser
 * is on the value's first token, and the derivation leaves it on the value's last one, problem or not. A line
 * without the path gives a null column.
 */
@FunctionalInterface
public interface Derivation {
    Object read(JsonParser json) throws IOException, ValueProblem;
}
