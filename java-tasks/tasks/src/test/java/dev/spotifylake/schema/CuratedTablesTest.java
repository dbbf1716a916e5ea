package dev.spotifylake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.testing.LocalStack;

/** The curated mappings against their contract: the catalog's DDL in sql/, and the rules of a mapping. */
class CuratedTablesTest {
    private static final Pattern COLUMN = Pattern.compile("^\\s+(\\w+)\\s+(\\w+(?:\\(\\d+\\))?),?\\s*$", Pattern.MULTILINE);
    private static final Map<ColumnType, String> TRINO = Map.of(ColumnType.STRING, "varchar", ColumnType.INT, "integer",
            ColumnType.LONG, "bigint", ColumnType.DOUBLE, "double", ColumnType.BOOLEAN, "boolean",
            ColumnType.TIMESTAMP, "timestamp(3)");
    private static final Map<ColumnType, String> ATHENA = Map.of(ColumnType.STRING, "string", ColumnType.INT, "int",
            ColumnType.LONG, "bigint", ColumnType.DOUBLE, "double", ColumnType.BOOLEAN, "boolean",
            ColumnType.TIMESTAMP, "timestamp");

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void theTrinoTableHasTheMappingsColumnsInOrderWithTheirTypes(Dataset dataset) throws IOException {
        assertThat(ddlColumns("trino", dataset)).containsExactlyElementsOf(expected(dataset, TRINO));
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void theAthenaTableHasTheMappingsColumnsInOrderWithTheirTypes(Dataset dataset) throws IOException {
        assertThat(ddlColumns("athena", dataset)).containsExactlyElementsOf(expected(dataset, ATHENA));
    }

    @Test
    void nullableColumnsAreUnionsWithNullAndRequiredOnesAreNot() {
        Schema schema = CuratedTables.TOP_TRACKS.schema();

        assertThat(schema.getField("track_id").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.getField("album_release_date").schema().getTypes()).extracting(Schema::getType)
                .containsExactly(Schema.Type.NULL, Schema.Type.STRING);
        assertThat(schema.getField("fetched_at").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
        assertThat(schema.getObjectProp(TableMapping.VERSION_PROPERTY)).isEqualTo(1);
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

    private static List<String> expected(Dataset dataset, Map<ColumnType, String> types) {
        return CuratedTables.of(dataset).columns().stream().map(column -> column.name() + " " + types.get(column.type())).toList();
    }

    /** The columns of the curated table's CREATE statement, without the dt partition column. */
    private static List<String> ddlColumns(String engine, Dataset dataset) throws IOException {
        Path file = LocalStack.repositoryRoot().resolve("sql").resolve(engine).resolve("tables").resolve(dataset.folder() + ".sql");
        Matcher matcher = COLUMN.matcher(Files.readString(file));
        List<String> columns = new ArrayList<>();
        while (matcher.find()) {
            if (!matcher.group(1).equals("dt")) {
                columns.add(matcher.group(1) + " " + matcher.group(2));
            }
        }
        return columns;
    }
}
