package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.engine.CatalogTable;
import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.schema.Column;

/**
 * Brings a curated table of the catalog to its declared columns. A table made before columns were appended to the
 * declaration gets them appended too (Parquet is read by column name, so partitions written before answer NULL
 * for them). What cannot be done without rewriting data or breaking readers (a type changed, a column dropped,
 * renamed or moved, the table over another folder) stops the task with exit 2 and one line that names the column.
 */
final class TableSchema {
    private static final Logger log = LoggerFactory.getLogger(TableSchema.class);

    private final QueryEngine engine;
    private final CatalogSql sql;
    private final LakeUri lake;

    TableSchema(QueryEngine engine, CatalogSql sql, LakeUri lake) {
        this.engine = requireNonNull(engine, "engine is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** The names of the columns appended, when any were. */
    Optional<List<String>> bringToDeclaration(LakeTable table) {
        CatalogTable catalog = engine.table(table.name()).orElseThrow(() -> TaskException.retryable(
                "table " + engine.schema() + "." + table + " is missing right after CREATE TABLE IF NOT EXISTS: run the task again"));
        requireLocation(table, catalog);
        List<Column> declared = table.mapping().columns();
        List<CatalogTable.Column> present = catalog.columns();
        for (int i = 0; i < present.size(); i++) {
            CatalogTable.Column column = present.get(i);
            if (i >= declared.size() || declared.stream().noneMatch(d -> d.name().equals(column.name()))) {
                throw unsafe(table, "has column " + column.name() + ", which the declaration no longer has",
                        "declare it again (columns are only appended), or drop and re-create the table");
            }
            Column wanted = declared.get(i);
            if (!wanted.name().equals(column.name())) {
                throw unsafe(table, "has column " + column.name() + " where the declaration has " + wanted.name(),
                        "keep the declared order (new columns go last), or drop and re-create the table");
            }
            if (!sql.typeOf(wanted).equalsIgnoreCase(column.type())) {
                throw unsafe(table, "column " + column.name() + " is " + column.type() + " but is declared "
                        + sql.typeOf(wanted), "declare a new column instead of changing a type (files written before keep theirs)");
            }
        }
        List<Column> missing = declared.subList(present.size(), declared.size());
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        sql.addColumns(table, missing).forEach(engine::execute);
        List<String> names = missing.stream().map(Column::name).toList();
        log.info("{}: appended the declared columns {}; partitions written before answer NULL for them", table, names);
        return Optional.of(names);
    }

    private void requireLocation(LakeTable table, CatalogTable catalog) {
        String wanted = LakeTable.withoutSlash(lake.uriOf(table.folder()));
        if (!LakeTable.withoutSlash(catalog.location()).equals(wanted)) {
            // Most often another lake's table in the same database: dropping it would unregister that lake.
            throw unsafe(table, "lies over " + catalog.location() + ", not over " + wanted,
                    "register this lake in a database of its own (--database, env LAKE_DATABASE); only if no other "
                            + "lake uses this table, drop it (it is external: the lake keeps its files) and run "
                            + "repair-athena-partitions --mode "
                            + (engine.dialect() == Dialect.ATHENA ? RepairMode.MSCK : RepairMode.SYNC));
        }
    }

    private TaskException unsafe(LakeTable table, String what, String todo) {
        return TaskException.notRetryable("table " + engine.schema() + "." + table + " " + what + ": " + todo);
    }
}
