package dev.spotifylake.testing;

import java.util.Map;

/**
 * The two sources of a pipeline test, of the test's own: a Spotify simulator and a MySQL database that lists
 * {@code artists} artists of the simulator's catalog. Closing stops the one and drops the other.
 */
public record SimulatedSources(Simulator simulator, TestDatabase database) implements AutoCloseable {
    /** Starts the simulator and creates and seeds the database; nothing is left running when a step fails. */
    public static SimulatedSources start(Map<String, String> stack, String purpose, int artists) {
        Simulator simulator = Simulator.start(stack);
        TestDatabase database = null;
        try {
            database = TestDatabase.create(stack, purpose);
            database.load(Simulator.mysqlSeed(artists));
            return new SimulatedSources(simulator, database);
        } catch (RuntimeException e) {
            try (simulator) {
                if (database != null) {
                    database.close();
                }
            }
            throw e;
        }
    }

    /** {@code base} pointed at the simulator and the database. */
    public Map<String, String> environment(Map<String, String> base) {
        return simulator.environment(database.environment(base));
    }

    @Override
    public void close() {
        try (simulator) {
            database.close();
        }
    }
}
