package dev.spotifylake.schema;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One curated column: its name, type, whether a row needs it, and where its value comes from. A column reads a
 * JSONPath of the raw line ({@code $.market}) or of the row ({@code @.album.name}); a derived column passes the
 * JSON found there through a function (the largest of an album's images); the position column is the row's
 * 1-based place in its array; a computed column is filled by the task of a derived table, from no raw field.
 *
 * @param derivation the function of a derived column, absent for a plain value
 * @param computed whether the task of a derived table computes the value (no path, no position)
 */
public record Column(String name, ColumnType type, boolean required, Optional<FieldPath> path,
        Optional<Derivation> derivation, boolean computed) {

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
        if (computed && path.isPresent()) {
            throw new IllegalArgumentException(name + ": a computed column reads no path");
        }
    }

    /** The column holding the row's position in its array (1 = first). */
    public boolean isPosition() {
        return path.isEmpty() && !computed;
    }

    /** Whether its path starts at the row ({@code @}) rather than at the raw line ({@code $}). */
    public boolean ofRow() {
        return path.map(FieldPath::relative).orElse(isPosition());
    }
}
