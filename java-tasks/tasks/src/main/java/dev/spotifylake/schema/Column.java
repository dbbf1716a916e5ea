package dev.spotifylake.schema;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One curated column: its name, type, whether a row needs it, and where its value comes from. A column reads a
 * JSONPath of the raw line ({@code $.market}) or of the row ({@code @.album.name}); a derived column passes the
 * JSON found there through a function (the largest of an album's images); the position column is the row's
 * 1-based place in its array.
 *
 * @param derivation the function of a derived column, absent for a plain value
 */
public record Column(String name, ColumnType type, boolean required, Optional<FieldPath> path,
        Optional<Derivation> derivation) {

    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(path, "path is null");
        requireNonNull(derivation, "derivation is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column names are lower snake case: " + name);
        }
        if (derivation.isPresent() && path.isEmpty()) {
            throw new IllegalArgumentException(name + ": a derived column needs the path of its input");
        }
    }

    /** The column holding the row's position in its array (1 = first). */
    public boolean isPosition() {
        return path.isEmpty();
    }

    /** Whether its path starts at the row ({@code @}) rather than at the raw line ({@code $}). */
    public boolean ofRow() {
        return path.map(FieldPath::relative).orElse(true);
    }
}
