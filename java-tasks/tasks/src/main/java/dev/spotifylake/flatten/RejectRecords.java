package dev.spotifylake.flatten;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.TableMapping;

/**
 * Writes the rejects of a raw part: a second pass over the part reads the lines that had rejects as JSON trees
 * and takes each rejected record out of its line with the mapping's JSONPaths. A reject line holds the reason,
 * where the record was, the raw record itself and, for rows of an answer, the answer's envelope fields.
 */
final class RejectRecords {
    private final TableMapping mapping;

    RejectRecords(TableMapping mapping) {
        this.mapping = mapping;
    }

    /** Appends a reject line per spool entry to {@code out}. */
    void write(ObjectStore store, String rawKey, RejectSpool spool, PartFileWriter out) {
        try (RejectSpool.Reader entries = spool.read()) {
            RejectSpool.Entry[] next = {entries.next()};
            RawPartStream.forEachLine(store, rawKey, (json, number) -> {
                if (next[0] == null) {
                    return false;
                }
                if (next[0].line() != number) {
                    json.skipChildren();
                    return true;
                }
                JsonNode line = json.readValueAsTree();
                while (next[0] != null && next[0].line() == number) {
                    RejectSpool.Entry entry = next[0];
                    out.write(reject -> {
                        reject.writeStringField("reason", entry.reason());
                        reject.writeStringField("raw_file", rawKey);
                        reject.writeNumberField("line", entry.line());
                        if (entry.position() > 0) {
                            reject.writeNumberField("position", entry.position());
                        }
                        reject.writeObjectField("record", record(line, entry.position()));
                        if (entry.position() > 0) {
                            reject.writeObjectField("envelope", envelope(line));
                        }
                    });
                    next[0] = entries.next();
                }
                return true;
            });
        }
    }

    private JsonNode record(JsonNode line, int position) {
        if (position == 0) {
            return line;
        }
        JsonNode row = mapping.rows().orElseThrow().read(line).path(position - 1);
        return row.isMissingNode() ? NullNode.getInstance() : row;
    }

    /** The line's own fields that every row of it shares (artist_id, market, fetched_at), as they came. */
    private Map<String, JsonNode> envelope(JsonNode line) {
        Map<String, JsonNode> envelope = new LinkedHashMap<>();
        for (Column column : mapping.columns()) {
            column.path().filter(path -> !path.relative()).ifPresent(path -> {
                JsonNode value = path.read(line);
                envelope.put(column.name(), value.isMissingNode() ? NullNode.getInstance() : value);
            });
        }
        return envelope;
    }
}
