package dev.spotifylake.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.engine.CatalogTable;
import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.PartitionChange;
import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.testing.CatalogModel;

/**
 * A catalog that records the statements it is given, by kind, and keeps what they would make of it in a
 * {@link CatalogModel}, which answers the repair's read-backs: for the repair's unit tests.
 */
final class RecordingQueryEngine implements QueryEngine {
    private final Dialect dialect;
    private final CatalogModel catalog;
    private final List<String> statements = new ArrayList<>();

    RecordingQueryEngine(Dialect dialect) {
        this(dialect, new CatalogModel());
    }

    RecordingQueryEngine(Dialect dialect, CatalogModel catalog) {
        this.dialect = dialect;
        this.catalog = catalog;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String schema() {
        return "spotify_lake";
    }

    @Override
    public void createSchema(String statement) {
        statements.add("schema: " + statement);
    }

    @Override
    public void execute(String statement) {
        statements.add("execute: " + statement);
        catalog.apply(statement);
    }

    @Override
    public void changePartition(PartitionChange change) {
        for (String statement : change.statements()) {
            statements.add("partition: " + statement);
            catalog.apply(statement);
        }
        change.publish().ifPresent(statement -> statements.add("publish: " + statement));
    }

    @Override
    public List<List<String>> query(String statement) {
        return catalog.query(statement);
    }

    @Override
    public Optional<CatalogTable> table(String name) {
        return catalog.table(name);
    }

    @Override
    public void close() {
    }

    CatalogModel catalog() {
        return catalog;
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    List<String> statements(String kind) {
        return statements.stream().filter(s -> s.startsWith(kind + ": ")).map(s -> s.substring(kind.length() + 2)).toList();
    }
}
