package dev.spotifylake.engine;

import java.util.List;
import java.util.Optional;

/**
 * The catalog and SQL engine the lake is registered in: Athena in production, Trino locally. Statements come
 * from {@code sql/<dialect>/}; an implementation runs them to their end and turns failures into task exit codes
 * (bad SQL or refused permissions: 2; unreachable engine or throttling: 1).
 */
public interface QueryEngine extends AutoCloseable {

    /** Which engine this is, and so which folder of sql/ holds its statements. */
    Dialect dialect();

    /** The database (Athena) or schema (Trino) that holds the lake's tables. */
    String schema();

    /** Runs the statement that creates {@link #schema()}: it runs outside that schema, which may not exist yet. */
    void createSchema(String statement);

    /** Runs one statement in {@link #schema()} and waits for its end. */
    void execute(String statement);

    /**
     * Registers or moves one partition. A change already in place is not an error: Athena's {@code ADD IF NOT EXISTS}
     * skips a registered partition; Trino refuses to register a partition twice or to unregister a missing one, and
     * this accepts both. A reader sees the partition as it was before the whole change or after it, never in between:
     * each Athena statement is one catalog update; on Trino see {@link TrinoQueryEngine}.
     */
    void changePartition(PartitionChange change);

    /** Runs a query in {@link #schema()} and answers its rows, each value as text (null for SQL NULL). */
    List<List<String>> query(String statement);

    /** The table as the catalog holds it; empty when the schema has no such table. */
    Optional<CatalogTable> table(String name);

    @Override
    void close();
}
