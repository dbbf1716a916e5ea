package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Map;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.SqlTemplate;
import dev.spotifylake.lake.LakeUri;

/**
 * The statements of one dialect that keep the catalog in step with the lake, from {@code sql/<dialect>/}:
 * the schema, each table's DDL, one partition's registration and a full repair. Placeholders: SCHEMA, LAKE_URI,
 * TABLE, DT, LOCATION.
 */
final class CatalogSql {
    private final Dialect dialect;
    private final String schema;
    private final LakeUri lake;

    CatalogSql(Dialect dialect, String schema, LakeUri lake) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.lake = requireNonNull(lake, "lake is null");
    }

    String createSchema() {
        return load("schema").render(Map.of("SCHEMA", schema));
    }

    String createTable(LakeTable table) {
        return load("tables/" + table.name()).render(Map.of("SCHEMA", schema, "LAKE_URI", lake.toString()));
    }

    String addPartition(LakeTable table, LocalDate dt) {
        return load("add_partition").render(Map.of("SCHEMA", schema, "TABLE", table.name(), "DT", dt.toString(),
                "LOCATION", table.partitionLocation(lake, dt)));
    }

    String repairTable(LakeTable table) {
        return load("repair_table").render(Map.of("SCHEMA", schema, "TABLE", table.name()));
    }

    private SqlTemplate load(String name) {
        return SqlTemplate.load(dialect.folder() + "/" + name + ".sql");
    }
}
