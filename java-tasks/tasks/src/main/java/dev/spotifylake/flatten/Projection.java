package dev.spotifylake.flatten;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.Derivation;
import dev.spotifylake.schema.FieldPath;
import dev.spotifylake.schema.TableMapping;

/**
 * A {@link TableMapping} compiled for one streaming pass over a raw line: the JSONPaths of all columns merged
 * into one tree of member names, so that the reader visits each field of the line once, reads the declared ones
 * and skips everything else without building it. Immutable; shared by the flattening threads.
 *
 * @param line the member tree of a line
 * @param row the member tree of a row, when each line holds an array of rows rather than being the row
 * @param positionColumn the column of the row's position, or -1
 * @param sourceColumn the column that names the mapping's source, or -1
 * @param matchColumn the column whose value matches a row with an asked id ({@link TableMapping#matchColumn()}), or -1
 */
record Projection(TableMapping mapping, Members line, Optional<Members> row, int positionColumn, int sourceColumn,
        int matchColumn) {
    /** A point of the member tree: what the reader does with the value found there. */
    sealed interface Node permits Members, Value, Derived, Rows, AskedIds {
    }

    /** An object some of whose members are read; {@code path} names it in reasons. */
    record Members(String path, Map<String, Node> members) implements Node {
    }

    /** A scalar read into a column. */
    record Value(int column) implements Node {
    }

    /** A piece of JSON that a column's derivation reads as it streams by. */
    record Derived(int column, Derivation derivation) implements Node {
    }

    /** The array whose every element is a row, read with the row's own member tree. */
    record Rows(String path, Members row) implements Node {
    }

    /** The ids a line asked for, kept to name the ids of null rows. */
    record AskedIds() implements Node {
    }

    static Projection compile(TableMapping mapping) {
        requireNonNull(mapping, "mapping is null");
        Builder line = new Builder("$");
        Builder row = mapping.rows().map(rows -> new Builder("@")).orElse(null);
        int position = -1;
        int source = -1;
        int match = -1;
        List<Column> columns = mapping.columns();
        for (int index = 0; index < columns.size(); index++) {
            Column column = columns.get(index);
            if (column.isPosition()) {
                position = index;
            } else if (column.origin() == Column.Origin.SOURCE) {
                source = index;
            }
            if (mapping.matchColumn().filter(column.name()::equals).isPresent()) {
                match = index;
            }
            if (column.path().isEmpty()) {
                continue;
            }
            FieldPath path = column.path().get();
            Builder target = path.relative() ? row : line;
            int columnIndex = index;
            target.put(path, column.derivation().<Node>map(derivation -> new Derived(columnIndex, derivation))
                    .orElseGet(() -> new Value(columnIndex)));
        }
        mapping.askedIds().ifPresent(ids -> line.put(ids, new AskedIds()));
        Optional<Members> rowMembers = Optional.ofNullable(row).map(Builder::build);
        mapping.rows().ifPresent(rows -> line.put(rows, new Rows(rows.text(), rowMembers.orElseThrow())));
        return new Projection(mapping, line.build(), rowMembers, position, source, match);
    }

    /** Whether each line holds an array of rows, rather than being the row. */
    boolean hasRows() {
        return row.isPresent();
    }

    /** Grows the member tree path by path; a path cannot pass through another column's value. */
    private static final class Builder {
        private final String path;
        private final Map<String, Object> members = new HashMap<>();

        Builder(String path) {
            this.path = path;
        }

        void put(FieldPath fieldPath, Node leaf) {
            if (fieldPath.isRoot()) {
                throw new IllegalArgumentException("'" + fieldPath + "' names the whole line or row, not a value in it");
            }
            Builder at = this;
            List<String> names = fieldPath.names();
            for (int i = 0; i < names.size() - 1; i++) {
                String parent = at.path;
                Object next = at.members.computeIfAbsent(names.get(i), name -> new Builder(parent + "." + name));
                if (!(next instanceof Builder builder)) {
                    throw conflict(fieldPath);
                }
                at = builder;
            }
            if (at.members.putIfAbsent(names.get(names.size() - 1), leaf) != null) {
                throw conflict(fieldPath);
            }
        }

        Members build() {
            Map<String, Node> built = new HashMap<>();
            members.forEach((name, member) -> built.put(name,
                    member instanceof Builder builder ? builder.build() : (Node) member));
            return new Members(path, Map.copyOf(built));
        }

        private static IllegalArgumentException conflict(FieldPath fieldPath) {
            return new IllegalArgumentException("'" + fieldPath + "' overlaps the path of another column");
        }
    }
}
