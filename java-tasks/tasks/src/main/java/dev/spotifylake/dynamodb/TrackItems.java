package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.apache.avro.generic.GenericRecord;

import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.TableMapping;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shape of an item of the serving table, derived from the curated top_tracks declaration: one item per artist
 * and track, keyed {@code artist_id} (HASH) and {@code id} (RANGE, the track id); every curated column under its
 * own name, typed as a DynamoDB number, string or boolean (timestamps as ISO-8601 strings), nulls left out;
 * except the market and the rank, which vary by market: they go into one map {@code markets} of market to rank;
 * and {@code dt}, the snapshot the item came from. docs/serving-store.md shows an example.
 */
final class TrackItems {
    static final String PARTITION_KEY = "artist_id";
    static final String SORT_KEY = "id";
    static final String MARKETS = "markets";
    static final String DT = "dt";
    private static final String TRACK_COLUMN = "track_id";
    private static final String MARKET_COLUMN = "market";

    private final List<Column> attributeColumns;
    private final String rankColumn;

    TrackItems(TableMapping topTracks) {
        requireNonNull(topTracks, "topTracks is null");
        this.rankColumn = topTracks.columns().stream().filter(Column::isPosition).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topTracks.dataset() + " has no rank column")).name();
        this.attributeColumns = topTracks.columns().stream()
                .filter(column -> !column.name().equals(MARKET_COLUMN) && !column.name().equals(rankColumn)).toList();
    }

    String artistId(GenericRecord row) {
        return row.get(PARTITION_KEY).toString();
    }

    String trackId(GenericRecord row) {
        return row.get(TRACK_COLUMN).toString();
    }

    String market(GenericRecord row) {
        return row.get(MARKET_COLUMN).toString();
    }

    int rank(GenericRecord row) {
        return (Integer) row.get(rankColumn);
    }

    /** The item of a row's track, with the track's rank in each of its markets; the other columns are the row's. */
    Map<String, AttributeValue> item(GenericRecord row, SortedMap<String, Integer> ranks, LocalDate dt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SORT_KEY, string(trackId(row)));
        for (Column column : attributeColumns) {
            // a file written before the column was declared has no such field: null, as engines read it
            Object value = row.hasField(column.name()) ? row.get(column.name()) : null;
            if (value != null) {
                item.put(column.name(), attribute(column, value));
            }
        }
        Map<String, AttributeValue> markets = new HashMap<>();
        ranks.forEach((market, rank) -> markets.put(market, AttributeValue.fromN(rank.toString())));
        item.put(MARKETS, AttributeValue.fromM(markets));
        item.put(DT, string(dt.toString()));
        return item;
    }

    static Map<String, AttributeValue> key(String artistId, String trackId) {
        return Map.of(PARTITION_KEY, string(artistId), SORT_KEY, string(trackId));
    }

    private static AttributeValue attribute(Column column, Object value) {
        return switch (column.type()) {
            case STRING -> string(value.toString());
            case INT, LONG, DOUBLE -> AttributeValue.fromN(value.toString());
            case BOOLEAN -> AttributeValue.fromBool((Boolean) value);
            case TIMESTAMP -> string(Instant.ofEpochMilli((Long) value).toString());
        };
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }
}
