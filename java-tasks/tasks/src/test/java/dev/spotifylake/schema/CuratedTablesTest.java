package dev.spotifylake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import dev.spotifylake.lake.Dataset;

/** The rules of a curated mapping (the catalog's DDL is generated from it: see CatalogSqlTest). */
class CuratedTablesTest {
    @Test
    void nullableColumnsAreUnionsWithNullAndRequiredOnesAreNot() {
        Schema schema = CuratedTables.TOP_TRACKS.schema();

        assertThat(schema.getField("track_id").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.getField("album_release_date").schema().getTypes()).extracting(Schema::getType)
                .containsExactly(Schema.Type.NULL, Schema.Type.STRING);
        assertThat(schema.getField("fetched_at").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
        assertThat(schema.getObjectProp(TableMapping.VERSION_PROPERTY)).isEqualTo(2);
    }

    @Test
    void aColumnPathMustBeAChainOfMemberNames() {
        assertThat(FieldPath.of("$.album['release_date']").names()).containsExactly("album", "release_date");
        assertThat(FieldPath.of("@.external_urls.spotify").relative()).isTrue();
        assertThatThrownBy(() -> FieldPath.of("@.images[0].url")).hasMessageContaining("not a chain of member names");
        assertThatThrownBy(() -> FieldPath.of("$..id")).hasMessageContaining("not a definite path");
        assertThatThrownBy(() -> FieldPath.of("$.tracks[?(@.id)]")).hasMessageContaining("not a definite path");
        assertThatThrownBy(() -> FieldPath.of("$.album.")).hasMessageContaining("invalid JSONPath");
        assertThatThrownBy(() -> FieldPath.ofArrayElements("$.body.tracks")).hasMessageContaining("every element of an array");
    }

    @Test
    void aMappingRefusesColumnsItCannotFill() {
        assertThatThrownBy(() -> TableMapping.builder(Dataset.ARTISTS, 1).required("id", ColumnType.STRING, "@.id").build())
                .hasMessageContaining("the line is the row");
        assertThatThrownBy(() -> TableMapping.builder(Dataset.ARTISTS, 1).required("id", ColumnType.STRING, "$.id")
                .required("id", ColumnType.STRING, "$.other").build()).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> TableMapping.builder(Dataset.ARTISTS, 1).required("id", ColumnType.STRING, "$.id")
                .dictionaryEncoded("name").build()).hasMessageContaining("are not all columns");
        assertThatThrownBy(() -> TableMapping.builder(Dataset.ARTISTS, 1).required("id", ColumnType.STRING, "$.id")
                .unorderedUnique("name").build()).hasMessageContaining("are not all columns");
    }
}
