package dev.spotifylake.repair;

import java.util.ArrayList;
import java.util.List;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.QueryEngine;

/** A catalog that records the statements it is given, by kind, and runs none: for the repair's unit tests. */
final class RecordingQueryEngine implements QueryEngine {
    private final Dialect dialect;
    private final List<String> statements = new ArrayList<>();

    RecordingQueryEngine(Dialect dialect) {
        this.dialect = dialect;
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
    }

    @Override
    public void registerPartition(String statement) {
        statements.add("register: " + statement);
    }

    @Override
    public void close() {
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    List<String> statements(String kind) {
        return statements.stream().filter(s -> s.startsWith(kind + ": ")).map(s -> s.substring(kind.length() + 2)).toList();
    }
}
