package dev.spotifylake.testing;

import java.util.List;
import java.util.Optional;

import dev.spotifylake.engine.CatalogTable;
import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.PartitionChange;
import dev.spotifylake.engine.QueryEngine;

/**
 * A catalog whose task dies before the first partition statement that contains a text the test chose, the way
 * kill -9 stops a task between two statements: the statements of that change before it have run, its publish has
 * not ({@link CrashingObjectStore.Killed}). The rest goes through.
 */
public final class CrashingQueryEngine implements QueryEngine {
    private final QueryEngine engine;
    private final String deathBefore;

    public CrashingQueryEngine(QueryEngine engine, String deathBefore) {
        this.engine = engine;
        this.deathBefore = deathBefore;
    }

    @Override
    public void changePartition(PartitionChange change) {
        List<String> statements = change.statements();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).contains(deathBefore)) {
                engine.changePartition(new PartitionChange(statements.subList(0, i), Optional.empty()));
                throw new CrashingObjectStore.Killed();
            }
        }
        engine.changePartition(change);
    }

    @Override
    public Dialect dialect() {
        return engine.dialect();
    }

    @Override
    public String schema() {
        return engine.schema();
    }

    @Override
    public void createSchema(String statement) {
        engine.createSchema(statement);
    }

    @Override
    public void execute(String statement) {
        engine.execute(statement);
    }

    @Override
    public List<List<String>> query(String statement) {
        return engine.query(statement);
    }

    @Override
    public Optional<CatalogTable> table(String name) {
        return engine.table(name);
    }

    @Override
    public void close() {
        engine.close();
    }
}
