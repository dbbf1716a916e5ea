package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.PartitionChange;
import dev.spotifylake.engine.SqlTemplate;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.schema.Column;

/**
 * The statements of one dialect that keep the catalog in step with the lake: the schema, each table's DDL (a
 * curated table's from its declared columns, see {@link CuratedDdl}; a raw table's from
 * {@code sql/<dialect>/tables/}), the columns appended to a table, and one partition's registration, move and
 * read-back from {@code sql/<dialect>/}. Placeholders: SCHEMA, LAKE_URI, TABLE, DT, LOCATION.
 */
final class CatalogSql {
    private final Dialect dialect;
    private final CuratedDdl curated;
    private final String schema;
    private final String lake;

    CatalogSql(Dialect dialect, String schema, LakeUri lake) {
        this(dialect, schema, lake.toString());
    }

    private CatalogSql(Dialect dialect, String schema, String lake) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.curated = CuratedDdl.of(dialect);
        this.schema = requireNonNull(schema, "schema is null");
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** The statements with {@code ${LAKE_URI}} left in them, for a reader who has no lake at hand. */
    static CatalogSql withLakePlaceholder(Dialect dialect, String schema) {
        return new CatalogSql(dialect, schema, "${LAKE_URI}");
    }

    String createSchema() {
        return load("schema").render(Map.of("SCHEMA", schema));
    }

    String createTable(LakeTable table) {
        SqlTemplate ddl = table.zone() == Zone.CURATED
                ? new SqlTemplate("generated DDL of " + table, curated.createTable(table.mapping()))
                : load("tables/" + table.name());
        return ddl.render(Map.of("SCHEMA", schema, "LAKE_URI", lake));
    }

    /** The catalog's name of a declared column's type, to compare with what the catalog reports. */
    String typeOf(Column column) {
        return curated.typeOf(column.type());
    }

    List<String> addColumns(LakeTable table, List<Column> columns) {
        return curated.addColumns(table.name(), columns).stream()
                .map(statement -> new SqlTemplate("generated ADD COLUMNS of " + table, statement).render(Map.of("SCHEMA", schema)))
                .toList();
    }

    /** Registers dt at the location (an s3:// folder, without the final slash) unless it is registered. */
    PartitionChange addPartition(LakeTable table, LocalDate dt, String location) {
        return new PartitionChange(List.of(partitionStatement("add_partition", table, dt, location)), publish(table, dt));
    }

    /**
     * Points a registered partition at another folder: Athena's one SET LOCATION; on Trino, which has no such
     * statement, unregister then register again, which readers see at the flush of their cached partition.
     */
    PartitionChange movePartition(LakeTable table, LocalDate dt, String location) {
        List<String> statements = switch (dialect) {
            case ATHENA -> List.of(partitionStatement("set_partition_location", table, dt, location));
            case TRINO -> List.of(partitionStatement("unregister_partition", table, dt, location),
                    partitionStatement("add_partition", table, dt, location));
        };
        return new PartitionChange(statements, publish(table, dt));
    }

    /**
     * Whether a kill can cut a move in two and leave the partition unregistered: Trino's, two procedures, which
     * {@link PartitionMoves} records while they run.
     */
    boolean movesInTwoSteps() {
        return dialect == Dialect.TRINO;
    }

    private Optional<String> publish(LakeTable table, LocalDate dt) {
        return switch (dialect) {
            case ATHENA -> Optional.empty();
            case TRINO -> Optional.of(partitionStatement("flush_partition", table, dt, ""));
        };
    }

    /** A query answering the path of one file the catalog reads for the partition, or no row. */
    String partitionFile(LakeTable table, LocalDate dt) {
        return partitionStatement("partition_file", table, dt, "");
    }

    private String partitionStatement(String name, LakeTable table, LocalDate dt, String location) {
        return load(name).render(Map.of("SCHEMA", schema, "TABLE", table.name(), "DT", dt.toString(), "LOCATION", location));
    }

    private SqlTemplate load(String name) {
        return SqlTemplate.load(dialect.folder() + "/" + name + ".sql");
    }
}
