package dev.spotifylake.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.CuratedTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TrackItemsTest {
    private final TrackItems items = new TrackItems(CuratedTables.TOP_TRACKS);

    @Test
    void anItemHoldsTheRowsColumnsTypedTheRanksByMarketAndTheDtButNoNulls() {
        GenericRecord row = row();

        Map<String, AttributeValue> item = items.item(row, new TreeMap<>(Map.of("US", 3, "SE", 1)),
                LocalDate.of(2026, 11, 20));

        assertThat(item.get("id")).isEqualTo(AttributeValue.fromS("4uLU6hMCjMI75M1A2tKUQC"));
        assertThat(item.get("artist_id")).isEqualTo(AttributeValue.fromS("0TnOYISbd1XYRBk9myaseg"));
        assertThat(item.get("popularity")).isEqualTo(AttributeValue.fromN("91"));
        assertThat(item.get("explicit")).isEqualTo(AttributeValue.fromBool(false));
        assertThat(item.get("fetched_at")).isEqualTo(AttributeValue.fromS("2026-11-20T08:00:01.123Z"));
        assertThat(item.get("markets")).isEqualTo(AttributeValue.fromM(Map.of("US", AttributeValue.fromN("3"),
                "SE", AttributeValue.fromN("1"))));
        assertThat(item.get("dt")).isEqualTo(AttributeValue.fromS("2026-11-20"));
        assertThat(item).doesNotContainKeys("isrc", "market", "rank");
        assertThat(item).hasSize(CuratedTables.TOP_TRACKS.columns().size() - 1 /* isrc */ - 2 /* market, rank */ + 3);
    }

    @Test
    void theKeyAndTheMarketAndRankAreReadFromTheRow() {
        GenericRecord row = row();

        assertThat(items.artistId(row)).isEqualTo("0TnOYISbd1XYRBk9myaseg");
        assertThat(items.trackId(row)).isEqualTo("4uLU6hMCjMI75M1A2tKUQC");
        assertThat(items.market(row)).isEqualTo("US");
        assertThat(items.rank(row)).isEqualTo(3);
        assertThat(TrackItems.key("a", "t"))
                .isEqualTo(Map.of("artist_id", AttributeValue.fromS("a"), "id", AttributeValue.fromS("t")));
    }

    /** A curated row as the Parquet reader gives it: strings as Utf8, timestamps as epoch milliseconds; isrc null. */
    private static GenericRecord row() {
        GenericRecord row = new GenericData.Record(CuratedTables.TOP_TRACKS.schema());
        for (Column column : CuratedTables.TOP_TRACKS.columns()) {
            row.put(column.name(), switch (column.type()) {
                case STRING -> new Utf8(column.name() + "-value");
                case INT -> 7;
                case LONG -> 7L;
                case DOUBLE -> 0.5;
                case BOOLEAN -> true;
                case TIMESTAMP -> Instant.parse("2026-11-20T08:00:01.123Z").toEpochMilli();
            });
        }
        row.put("track_id", new Utf8("4uLU6hMCjMI75M1A2tKUQC"));
        row.put("artist_id", new Utf8("0TnOYISbd1XYRBk9myaseg"));
        row.put("market", new Utf8("US"));
        row.put("rank", 3);
        row.put("popularity", 91);
        row.put("explicit", false);
        row.put("isrc", null);
        return row;
    }
}
