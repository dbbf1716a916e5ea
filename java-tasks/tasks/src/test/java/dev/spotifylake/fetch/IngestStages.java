package dev.spotifylake.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.spotifylake.testing.Simulator;

/**
 * Gives each test of a class its {@link IngestStage} and takes it down after the test, whatever the outcome.
 * The MySQL seed of a catalog size is made once per JVM: the simulator's mysql-seed is deterministic.
 */
final class IngestStages implements AfterEachCallback {
    private static final Map<Integer, String> SEEDS = new ConcurrentHashMap<>();

    private final String name;
    private final int artists;
    private IngestStage current;

    IngestStages(String name, int artists) {
        this.name = name;
        this.artists = artists;
    }

    /** A stage whose simulator serves with these options, the artist snapshot of dt extracted. */
    IngestStage start(String... serveOptions) {
        current = IngestStage.start(name, SEEDS.computeIfAbsent(artists, Simulator::mysqlSeed), serveOptions);
        return current;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
