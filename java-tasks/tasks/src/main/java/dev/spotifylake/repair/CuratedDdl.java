package dev.spotifylake.repair;

import java.util.List;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.ColumnType;
import dev.spotifylake.schema.TableMapping;

/**
 * The SQL of one dialect that follows from a curated table's declared columns ({@link TableMapping#columns()}):
 * its CREATE TABLE and the statements that append columns to a table made with fewer. So a column is declared in
 * one place and reaches both engines. Statements are templates with the placeholders of sql/README.md
 * ({@code ${SCHEMA}}, {@code ${LAKE_URI}}).
 */
interface CuratedDdl {

    static CuratedDdl of(Dialect dialect) {
        return switch (dialect) {
            case ATHENA -> new AthenaDdl();
            case TRINO -> new TrinoDdl();
        };
    }

    /** The catalog's name of a column type, as the engine writes it in DDL and reports it back. */
    String typeOf(ColumnType type);

    /** {@code CREATE TABLE IF NOT EXISTS} over {@code curated/<dataset>/}, partitioned by {@code dt string}. */
    String createTable(TableMapping mapping);

    /** The statements that append the columns, in order, to the table (existing rows answer NULL for them). */
    List<String> addColumns(String table, List<Column> columns);
}
