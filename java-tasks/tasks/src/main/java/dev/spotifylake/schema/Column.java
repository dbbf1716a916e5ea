package dev.spotifylake.schema;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One curated column: its name, type, whether a row needs it, and where its value comes from. A column reads a
 * JSONPath of the raw line ({@code $.market}) or of the row ({@code @.album.name}); a derived column passes the
 * JSON found there through a function (the largest of an album's images); the position column is the row's
 * 1-based place in its array; the source column names whose answers the row came from; an absent column is one a
 * source does not have (ReccoBeats' tracks carry no album), always null; a computed column is filled by the task of
 * a derived table, from no raw field.
 *
 * @param required whether a row of this mapping needs the value: a row without it is a reject
 * @param derivation the function of a derived column, absent for a plain value
 * @param origin where the value comes from
 * @param notFromEverySource a column that some sources lack: required from those that have it, but nullable in the
 *     table, whose rows come from every source
 */
public record Column(String name, ColumnType type, boolean required, Optional<FieldPath> path,
        Optional<Derivation> derivation, Origin origin, boolean notFromEverySource) {

    /** Where a column's value comes from. */
    public enum Origin {
        /** The raw line or row, at the column's path (through its derivation, if it has one). */
        RAW,
        /** The row's 1-based position in its array. */
        POSITION,
        /** The name of the source the mapping reads ({@code spotify}, {@code reccobeats}). */
        SOURCE,
        /** Nowhere: the source has no such field, the column is null. */
        ABSENT,
        /** The task of a derived table. */
        COMPUTED
    }

    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(path, "path is null");
        requireNonNull(derivation, "derivation is null");
        requireNonNull(origin, "origin is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column names are lower snake case: " + name);
        }
        if (derivation.isPresent() && path.isEmpty()) {
            throw new IllegalArgumentException(name + ": a derived column needs the path of its input");
        }
        if (path.isPresent() != (origin == Origin.RAW)) {
            throw new IllegalArgumentException(name + ": a column reads a path if and only if it comes from the raw JSON");
        }
        if (origin == Origin.ABSENT && required) {
            throw new IllegalArgumentException(name + ": an absent column cannot be required");
        }
    }

    /** The column holding the row's position in its array (1 = first). */
    public boolean isPosition() {
        return origin == Origin.POSITION;
    }

    /** Whether the task of a derived table computes it. */
    public boolean computed() {
        return origin == Origin.COMPUTED;
    }

    /** Whether the table may hold null in it: a column that is not required, or that some source lacks. */
    public boolean nullable() {
        return !required || notFromEverySource;
    }

    /** Whether its path starts at the row ({@code @}) rather than at the raw line ({@code $}). */
    public boolean ofRow() {
        return path.map(FieldPath::relative).orElse(isPosition());
    }
}
