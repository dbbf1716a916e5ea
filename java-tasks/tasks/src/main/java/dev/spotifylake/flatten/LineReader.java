package dev.spotifylake.flatten;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.apache.avro.util.Utf8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.ColumnType;
import dev.spotifylake.schema.ValueProblem;

/**
 * Reads raw lines through a {@link Projection} in one streaming pass each: declared fields are read and coerced
 * to their column's type, everything else is skipped without being built. Each row's values go to the sink, or,
 * when a value does not fit or a required one is missing, the reasons. Holds the scratch state of one line: one
 * reader per thread.
 */
final class LineReader {
    /** Where the rows of a line go. */
    interface Sink {
        /**
         * A complete row, in column order, of the columns' Avro types (text as {@code Utf8}); the array is reused
         * for later rows.
         */
        void row(Object[] values) throws IOException;

        /** A raw record that is not a row: {@code position} is the row's (1-based), 0 for the whole line. */
        void reject(int position, String reason) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(LineReader.class);
    /** Marks a column whose value did not fit: reported once, as that problem, not as missing too. */
    private static final Object FAILED = new Object();

    private final Projection projection;
    private final Column[] columns;
    private final boolean[] ofLine;
    private final int[] lineRequired;
    private final int[] rowRequired;
    private final Target line;
    /** The source column's value, the same on every line. */
    private final Utf8 source;
    private final List<Target> rows = new ArrayList<>();
    private int rowCount;
    private boolean rowsFound;
    private String rowsProblem;
    private JsonNode askedIds;

    LineReader(Projection projection) {
        this.projection = projection;
        this.columns = projection.mapping().columns().toArray(Column[]::new);
        this.ofLine = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            ofLine[i] = !projection.hasRows() || !columns[i].ofRow();
        }
        this.lineRequired = indexes(i -> ofLine[i] && columns[i].required() && !columns[i].isPosition());
        this.rowRequired = indexes(i -> !ofLine[i] && columns[i].required() && !columns[i].isPosition());
        this.line = new Target(columns.length);
        this.source = projection.mapping().source().map(Utf8::new).orElse(null);
    }

    /**
     * Reads the line whose first token is the parser's current one, to its end; answers how many raw records it
     * held: its rows (null ones included), or 1 when the line is the row or cannot be read as rows at all. An
     * answer matched to its asked ids holds one record per asked id, as the fetch counted them.
     */
    int read(JsonParser json, Sink sink) throws IOException {
        reset();
        JsonToken first = json.currentToken();
        if (first != JsonToken.START_OBJECT) {
            String got = ColumnType.describe(json, first);
            json.skipChildren();
            sink.reject(0, "expected a JSON object per line, got " + got);
            return 1;
        }
        readMembers(json, projection.line(), line);
        if (projection.sourceColumn() >= 0) {
            line.values[projection.sourceColumn()] = source;
        }
        checkRequired(line, lineRequired);
        if (!projection.hasRows()) {
            emit(line, sink, 0);
            return 1;
        }
        if (rowsProblem != null || !rowsFound) {
            sink.reject(0, rowsProblem != null ? rowsProblem
                    : projection.mapping().rows().orElseThrow().text() + ": missing, expected an array of rows");
            return 1;
        }
        Set<String> unanswered = projection.matchColumn() >= 0 ? askedIds() : null;
        int matched = 0;
        for (int i = 0; i < rowCount; i++) {
            Target row = rows.get(i);
            int position = i + 1;
            if (unanswered != null) {
                if (!answersAnAskedId(row, unanswered)) {
                    continue;
                }
                matched++;
            }
            if (row.isNull) {
                sink.reject(position, nullRowReason(position));
                continue;
            }
            checkRequired(row, rowRequired);
            for (int column = 0; column < columns.length; column++) {
                if (ofLine[column]) {
                    row.values[column] = line.values[column];
                }
            }
            if (projection.positionColumn() >= 0) {
                row.values[projection.positionColumn()] = position;
            }
            if (line.problems != null) {
                row.problems().addAll(0, line.problems);
            }
            emit(row, sink, position);
        }
        if (unanswered == null) {
            return rowCount;
        }
        // asked ids the answer left out, accounted for like null entries, at positions after its rows
        int position = rowCount;
        for (String id : unanswered) {
            sink.reject(++position, projection.mapping().nullRowReason() + " " + id);
        }
        return matched + unanswered.size();
    }

    /**
     * Pairs a row with the asked id its match column names. An entry that answers no asked id still unanswered
     * (one not asked for, one answered before, or an entry naming none) is no record of the line: the fetch
     * counted the ids it asked, one record each, and so does flatten; the entry is left out with a WARN.
     */
    private boolean answersAnAskedId(Target row, Set<String> unanswered) {
        Object id = row.isNull ? null : row.values[projection.matchColumn()];
        if (id != null && id != FAILED && unanswered.remove(id.toString())) {
            return true;
        }
        String column = label(columns[projection.matchColumn()]);
        String why = id == null || id == FAILED
                ? "names no " + column + (row.problems == null ? "" : " (" + String.join("; ", row.problems) + ")")
                : "answers " + column + " " + id + ", which its line did not ask for or answered before";
        log.warn("ignoring an entry of an answer that {}: the ids the line asked for are accounted for without it", why);
        return false;
    }

    /** The asked ids that are text, in their order. */
    private Set<String> askedIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (askedIds != null) {
            askedIds.forEach(id -> {
                if (id.isTextual()) {
                    ids.add(id.textValue());
                }
            });
        }
        return ids;
    }

    private void emit(Target target, Sink sink, int position) throws IOException {
        if (target.problems == null) {
            sink.row(target.values);
        } else {
            sink.reject(position, String.join("; ", target.problems));
        }
    }

    private void readMembers(JsonParser json, Projection.Members members, Target target) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            Projection.Node member = members.members().get(json.currentName());
            JsonToken value = json.nextToken();
            if (member == null) {
                json.skipChildren();
            } else {
                readNode(json, value, member, target);
            }
        }
    }

    private void readNode(JsonParser json, JsonToken value, Projection.Node node, Target target) throws IOException {
        if (node instanceof Projection.Value leaf) {
            Column column = columns[leaf.column()];
            try {
                target.values[leaf.column()] = column.type().readValue(json);
            } catch (ValueProblem problem) {
                target.fail(leaf.column(), label(column) + ": " + problem.getMessage());
                json.skipChildren();
            }
        } else if (node instanceof Projection.Derived leaf) {
            Column column = columns[leaf.column()];
            try {
                target.values[leaf.column()] = column.type().convert(leaf.derivation().read(json));
            } catch (ValueProblem problem) {
                target.fail(leaf.column(), label(column) + ": " + problem.getMessage());
            }
        } else if (node instanceof Projection.Members object) {
            if (value == JsonToken.START_OBJECT) {
                readMembers(json, object, target);
            } else if (value != JsonToken.VALUE_NULL) {
                target.problems().add(object.path() + ": expected an object, got " + ColumnType.describe(json, value));
                json.skipChildren();
            }
        } else if (node instanceof Projection.Rows array) {
            rowsFound = true;
            if (value == JsonToken.START_ARRAY) {
                readRows(json, array);
            } else {
                rowsProblem = array.path() + ": expected an array of rows, got " + ColumnType.describe(json, value);
                json.skipChildren();
            }
        } else {
            JsonNode ids = json.readValueAsTree();
            askedIds = ids == null ? NullNode.getInstance() : ids;
        }
    }

    private void readRows(JsonParser json, Projection.Rows array) throws IOException {
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            Target row = nextRow();
            if (token == JsonToken.START_OBJECT) {
                readMembers(json, array.row(), row);
            } else if (token == JsonToken.VALUE_NULL) {
                row.isNull = true;
            } else {
                row.problems().add("row: expected an object, got " + ColumnType.describe(json, token));
                json.skipChildren();
            }
        }
    }

    private void checkRequired(Target target, int[] requiredColumns) {
        for (int index : requiredColumns) {
            if (target.values[index] == null) {
                target.problems().add(label(columns[index]) + ": missing, and the column is required");
            }
        }
    }

    private String nullRowReason(int position) {
        String reason = projection.mapping().nullRowReason();
        if (askedIds != null && askedIds.path(position - 1).isTextual()) {
            return reason + " " + askedIds.get(position - 1).asText();
        }
        return reason + " at position " + position;
    }

    private static String label(Column column) {
        return column.name() + " (" + column.path().map(Object::toString).orElse("position") + ")";
    }

    private void reset() {
        line.clear();
        rowCount = 0;
        rowsFound = false;
        rowsProblem = null;
        askedIds = null;
    }

    private Target nextRow() {
        if (rowCount == rows.size()) {
            rows.add(new Target(columns.length));
        }
        Target row = rows.get(rowCount++);
        row.clear();
        return row;
    }

    private int[] indexes(IntPredicate which) {
        return IntStream.range(0, columns.length).filter(which).toArray();
    }

    /** The values of a line or row being read, and what was wrong with them. */
    private static final class Target {
        final Object[] values;
        List<String> problems;
        boolean isNull;

        Target(int columns) {
            values = new Object[columns];
        }

        void clear() {
            Arrays.fill(values, null);
            problems = null;
            isNull = false;
        }

        List<String> problems() {
            if (problems == null) {
                problems = new ArrayList<>(2);
            }
            return problems;
        }

        void fail(int column, String problem) {
            values[column] = FAILED;
            problems().add(problem);
        }
    }
}
