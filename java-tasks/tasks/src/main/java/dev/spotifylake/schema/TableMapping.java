package dev.spotifylake.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

import dev.spotifylake.lake.Dataset;

/**
 * How one raw dataset becomes one flat curated table: which array of a raw line holds the rows (or the line is
 * the row), each column's JSONPath, type and whether it is required, and the versioned Avro schema that follows
 * from the columns. Declared once per dataset in {@link CuratedTables} through its {@link #builder}; the flattener
 * compiles it, the load task writes its version into the manifest.
 *
 * @param version raised whenever a column changes name, type or meaning; written into every file and manifest
 * @param rows the array whose elements are the rows ({@code $.body.tracks}); absent when each line is one row
 * @param askedIds for answers to a list of ids ({@code $.ids}), whose rows pair with the ids by position: a null row
 *        is the answer for an id Spotify does not know, and its reject names that id
 * @param matchColumn for answers that leave unknown ids out instead of answering null for them (ReccoBeats): the
 *        column whose value names the asked id a row answers. An asked id that no row answers is accounted for like
 *        a null row
 * @param nullRowReason the reason of a reject for a null row, followed by the asked id when the rows pair with ids
 * @param source whose answers this mapping reads ({@code spotify}, {@code reccobeats}), the value of its source
 *        column; absent for a table that has no source column
 * @param rawManifestCounts paths in the raw partition's {@code _manifest.json} whose numbers add up to the raw
 *        records of the day
 * @param dictionaryColumns the columns whose values repeat a lot (an artist's id on each of its tracks, a market):
 *        Parquet dictionary encoding makes them small. Building a dictionary for near-unique values (track ids,
 *        URLs) only costs time until Parquet gives up on it, so the other columns are written plain
 * @param unorderedUniqueColumns the columns of near-unique values in no useful order (track ids, URLs, names): every
 *        row group spans about their whole range, so min/max statistics would never let Athena or Trino skip one,
 *        while Parquet compares every value to keep them. They are written without statistics
 */
public record TableMapping(Dataset dataset, int version, Optional<FieldPath> rows, Optional<FieldPath> askedIds,
        Optional<String> matchColumn, String nullRowReason, Optional<String> source, List<Column> columns,
        List<FieldPath> rawManifestCounts, Set<String> dictionaryColumns, Set<String> unorderedUniqueColumns) {
    /** Avro property holding the mapping's version in the schema (and so in every Parquet file's footer). */
    public static final String VERSION_PROPERTY = "spotify_lake.schema_version";

    public TableMapping {
        columns = List.copyOf(columns);
        rawManifestCounts = List.copyOf(rawManifestCounts);
        dictionaryColumns = Set.copyOf(dictionaryColumns);
        unorderedUniqueColumns = Set.copyOf(unorderedUniqueColumns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": a table needs columns");
        }
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException(dataset + ": column " + column.name() + " is declared twice");
            }
            if (rows.isEmpty() && (column.ofRow() || column.isPosition())) {
                throw new IllegalArgumentException(dataset + ": column " + column.name()
                        + " reads the row (@ or position) but the line is the row: use $ paths");
            }
        }
        long computed = columns.stream().filter(Column::computed).count();
        if (computed > 0 && (computed < columns.size() || rows.isPresent() || !rawManifestCounts.isEmpty())) {
            throw new IllegalArgumentException(dataset + ": a derived table's columns are all computed, "
                    + "and it reads no raw rows");
        }
        if ((computed > 0) != dataset.derived()) {
            throw new IllegalArgumentException(dataset + ": computed columns belong to derived datasets, and only them");
        }
        requireColumns(dataset, names, dictionaryColumns, "dictionary columns");
        requireColumns(dataset, names, unorderedUniqueColumns, "unordered unique columns");
        matchColumn.ifPresent(column -> requireColumns(dataset, names, Set.of(column), "the matched column"));
        if (source.isPresent() != columns.stream().anyMatch(column -> column.origin() == Column.Origin.SOURCE)) {
            throw new IllegalArgumentException(dataset + ": a mapping names its source if and only if it has a source column");
        }
    }

    private static void requireColumns(Dataset dataset, Set<String> names, Set<String> declared, String what) {
        if (!names.containsAll(declared)) {
            throw new IllegalArgumentException(dataset + ": " + what + " " + declared + " are not all columns");
        }
    }

    public static Builder builder(Dataset dataset, int version) {
        return new Builder(dataset, version);
    }

    /** A derived table: its task computes every column, and flatten-to-parquet has nothing to read for it. */
    public boolean derived() {
        return dataset.derived();
    }

    /**
     * A mapping of the same table from another source's answers: it starts as a copy of this one, and the source's
     * own paths replace this one's column by column ({@link Builder#required}, {@link Builder#absent}...). The table
     * stays the same: the built mapping must have exactly this one's columns, types and nullability.
     */
    public Builder forSource(String otherSource) {
        if (source.isEmpty()) {
            throw new IllegalArgumentException(dataset + " has no source column");
        }
        return new Builder(this, otherSource);
    }

    /** The Avro schema of a row: the columns in order, nullable ones as unions with null. */
    public Schema schema() {
        List<Schema.Field> fields = new ArrayList<>();
        for (Column column : columns) {
            Schema type = !column.nullable() ? column.type().avro()
                    : Schema.createUnion(Schema.create(Schema.Type.NULL), column.type().avro());
            fields.add(new Schema.Field(column.name(), type, null,
                    column.nullable() ? JsonProperties.NULL_VALUE : null));
        }
        Schema record = Schema.createRecord(dataset.folder(), "curated " + dataset.folder() + ", version " + version,
                "dev.spotifylake.curated.v" + version, false, fields);
        record.addProp(VERSION_PROPERTY, version);
        return record;
    }

    /** Declares a mapping column by column, in the order of the table. */
    public static final class Builder {
        private final Dataset dataset;
        private final int version;
        private final List<Column> columns = new ArrayList<>();
        private final List<FieldPath> rawManifestCounts = new ArrayList<>();
        private final Set<String> dictionaryColumns = new HashSet<>();
        private final Set<String> unorderedUniqueColumns = new HashSet<>();
        private Optional<FieldPath> rows = Optional.empty();
        private Optional<FieldPath> askedIds = Optional.empty();
        private Optional<String> matchColumn = Optional.empty();
        private String nullRowReason = "null entry";
        private Optional<String> source = Optional.empty();
        /** The mapping whose table a mapping of another source fills, null for a table's first mapping. */
        private final TableMapping sourceOf;

        private Builder(Dataset dataset, int version) {
            this.dataset = requireNonNull(dataset, "dataset is null");
            if (version < 1) {
                throw new IllegalArgumentException("versions start at 1");
            }
            this.version = version;
            this.sourceOf = null;
        }

        private Builder(TableMapping table, String source) {
            this.dataset = table.dataset;
            this.version = table.version;
            this.sourceOf = table;
            this.source = Optional.of(requireNonNull(source, "source is null"));
            this.rows = table.rows;
            this.askedIds = table.askedIds;
            this.matchColumn = table.matchColumn;
            this.nullRowReason = table.nullRowReason;
            this.columns.addAll(table.columns);
            this.dictionaryColumns.addAll(table.dictionaryColumns);
            this.unorderedUniqueColumns.addAll(table.unorderedUniqueColumns);
        }

        /** Every element of this array of a line is one row, e.g. {@code $.body.tracks[*]}. */
        public Builder rows(String path) {
            rows = Optional.of(FieldPath.ofArrayElements(path));
            return this;
        }

        /**
         * The ids a line asked for ({@code $.ids}), paired with its rows by position: a null row is rejected
         * with the reason given, followed by its id ("unknown track id 0eGsygTp906u18L0Oimnem").
         */
        public Builder pairedWith(String path, String nullRowReason) {
            askedIds = Optional.of(rootPath(path));
            matchColumn = Optional.empty();
            this.nullRowReason = requireNonNull(nullRowReason, "nullRowReason is null");
            return this;
        }

        /**
         * The ids a line asked for ({@code $.ids}), matched with its rows by the value of a column: an answer that
         * leaves unknown ids out. An asked id no row has is accounted for like a null row (a reject with the reason
         * given, followed by the id). An entry that answers no asked id (not asked, answered before) is left out with
         * a WARN: a line holds one record per asked id.
         */
        public Builder matchedBy(String path, String column, String nullRowReason) {
            pairedWith(path, nullRowReason);
            matchColumn = Optional.of(requireNonNull(column, "column is null"));
            return this;
        }

        /**
         * A required string column that names the source of the mapping's answers ({@code spotify}); a mapping of
         * another source ({@link TableMapping#forSource}) writes its own name there.
         */
        public Builder source(String name, String sourceName) {
            source = Optional.of(requireNonNull(sourceName, "sourceName is null"));
            return put(new Column(name, ColumnType.STRING, true, Optional.empty(), Optional.empty(), Column.Origin.SOURCE,
                    false));
        }

        /**
         * Columns that some sources lack (ReccoBeats' tracks have no album): required from this mapping's source, but
         * nullable in the table, so that another source's mapping may declare them {@link #absent}.
         */
        public Builder notFromEverySource(String... names) {
            for (String name : names) {
                Column column = existing(name);
                put(new Column(name, column.type(), column.required(), column.path(), column.derivation(), column.origin(),
                        true));
            }
            return this;
        }

        /** Columns this source has no field for: always null (they must be nullable in the table). */
        public Builder absent(String... names) {
            for (String name : names) {
                Column column = existing(name);
                if (!column.nullable()) {
                    throw new IllegalArgumentException(dataset + ": column " + name + " is required from every source");
                }
                put(new Column(name, column.type(), false, Optional.empty(), Optional.empty(), Column.Origin.ABSENT,
                        column.notFromEverySource()));
            }
            return this;
        }

        public Builder required(String name, ColumnType type, String path) {
            return add(name, type, true, path, null);
        }

        public Builder nullable(String name, ColumnType type, String path) {
            return add(name, type, false, path, null);
        }

        /** A column computed from the JSON at the path. */
        public Builder derived(String name, ColumnType type, boolean required, String path, Derivation derivation) {
            return add(name, type, required, path, requireNonNull(derivation, "derivation is null"));
        }

        /** A required int column holding the row's 1-based position in its array. */
        public Builder position(String name) {
            return put(new Column(name, ColumnType.INT, true, Optional.empty(), Optional.empty(), Column.Origin.POSITION,
                    false));
        }

        /** A required column of a derived table, whose task computes it from curated tables, not from raw JSON. */
        public Builder computed(String name, ColumnType type) {
            return put(new Column(name, type, true, Optional.empty(), Optional.empty(), Column.Origin.COMPUTED, false));
        }

        /**
         * A number in the raw partition's manifest that counts raw records; several are added up. A mapping of
         * another source declares its own.
         */
        public Builder rawManifestCount(String path) {
            rawManifestCounts.add(rootPath(path));
            return this;
        }

        /** Columns of few distinct values, to be dictionary encoded. */
        public Builder dictionaryEncoded(String... names) {
            dictionaryColumns.addAll(List.of(names));
            return this;
        }

        /** Columns of near-unique values in no useful order, written without min/max statistics. */
        public Builder unorderedUnique(String... names) {
            unorderedUniqueColumns.addAll(List.of(names));
            return this;
        }

        public TableMapping build() {
            TableMapping mapping = new TableMapping(dataset, version, rows, askedIds, matchColumn, nullRowReason, source,
                    columns, rawManifestCounts, dictionaryColumns, unorderedUniqueColumns);
            if (sourceOf != null && !mapping.schema().equals(sourceOf.schema())) {
                throw new IllegalArgumentException(dataset + ": the mapping of source " + source.orElseThrow()
                        + " must give the table's columns, types and nullability as the table declares them");
            }
            return mapping;
        }

        private Builder add(String name, ColumnType type, boolean required, String path, Derivation derivation) {
            return put(new Column(name, type, required, Optional.of(FieldPath.of(path)), Optional.ofNullable(derivation),
                    Column.Origin.RAW, false));
        }

        /**
         * Appends the column; in the mapping of another source, replaces the table's column of that name instead (a
         * column the table lacks would change the table, which the build refuses).
         */
        private Builder put(Column column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column.name()) && (sourceOf != null || column.notFromEverySource())) {
                    Column replaced = columns.get(i);
                    columns.set(i, new Column(column.name(), column.type(), column.required(), column.path(),
                            column.derivation(), column.origin(), column.notFromEverySource() || replaced.notFromEverySource()));
                    return this;
                }
            }
            columns.add(column);
            return this;
        }

        private Column existing(String name) {
            return columns.stream().filter(column -> column.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(dataset + ": no column " + name));
        }

        private static FieldPath rootPath(String path) {
            FieldPath parsed = FieldPath.of(path);
            if (parsed.relative()) {
                throw new IllegalArgumentException("'" + path + "' must start at the line ($)");
            }
            return parsed;
        }
    }
}
