package dev.spotifylake.repair;

import java.util.List;
import java.util.stream.Collectors;

import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.ColumnType;
import dev.spotifylake.schema.TableMapping;

/** Trino's Hive connector's curated tables: external Parquet tables whose last column is the partition dt. */
final class TrinoDdl implements CuratedDdl {

    @Override
    public String typeOf(ColumnType type) {
        return switch (type) {
            case STRING -> "varchar";
            case INT -> "integer";
            case LONG -> "bigint";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            // the files hold milliseconds (Avro timestamp-millis)
            case TIMESTAMP -> "timestamp(3)";
        };
    }

    @Override
    public String createTable(TableMapping mapping) {
        String table = mapping.dataset().folder();
        String columns = mapping.columns().stream()
                .map(column -> String.format("    %-19s %s,", column.name(), typeOf(column.type())))
                .collect(Collectors.joining("\n"));
        return "CREATE TABLE IF NOT EXISTS ${SCHEMA}." + table + " (\n" + columns + "\n"
                + String.format("    %-19s %s", "dt", "varchar") + "\n)\n"
                + "WITH (\n"
                + "    format = 'PARQUET',\n"
                + "    partitioned_by = ARRAY['dt'],\n"
                + "    external_location = '${LAKE_URI}/curated/" + table + "'\n"
                + ")";
    }

    /** One statement per column: Trino adds one at a time, and the Hive connector puts it before the partition column. */
    @Override
    public List<String> addColumns(String table, List<Column> columns) {
        return columns.stream()
                .map(column -> "ALTER TABLE ${SCHEMA}." + table + " ADD COLUMN " + column.name() + " " + typeOf(column.type()))
                .toList();
    }
}
