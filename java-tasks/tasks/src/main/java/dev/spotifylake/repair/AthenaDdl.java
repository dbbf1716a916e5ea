package dev.spotifylake.repair;

import java.util.List;
import java.util.stream.Collectors;

import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.ColumnType;
import dev.spotifylake.schema.TableMapping;

/** Athena's (Hive DDL's) curated tables: external Snappy Parquet tables, columns read by name. */
final class AthenaDdl implements CuratedDdl {

    @Override
    public String typeOf(ColumnType type) {
        return switch (type) {
            case STRING -> "string";
            case INT -> "int";
            case LONG -> "bigint";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamp";
        };
    }

    @Override
    public String createTable(TableMapping mapping) {
        String table = mapping.dataset().folder();
        return "CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`" + table + "` (\n" + columnList(mapping.columns()) + "\n)\n"
                + "PARTITIONED BY (dt string)\n"
                + "STORED AS PARQUET\n"
                + "LOCATION '${LAKE_URI}/curated/" + table + "/'\n"
                + "TBLPROPERTIES ('parquet.compression' = 'SNAPPY')";
    }

    /** One statement for all of them: Athena's ADD COLUMNS appends a list. */
    @Override
    public List<String> addColumns(String table, List<Column> columns) {
        return List.of("ALTER TABLE `${SCHEMA}`.`" + table + "` ADD COLUMNS (\n" + columnList(columns) + "\n)");
    }

    private String columnList(List<Column> columns) {
        return columns.stream().map(column -> String.format("    %-19s %s", column.name(), typeOf(column.type())))
                .collect(Collectors.joining(",\n"));
    }
}
