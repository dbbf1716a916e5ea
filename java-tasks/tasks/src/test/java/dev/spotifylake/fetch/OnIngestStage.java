package dev.spotifylake.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;

import dev.spotifylake.testing.Simulator;

/**
 * A fetch integration test: each test starts its {@link IngestStage}, taken down after the test whatever the
 * outcome. The MySQL seed of a catalog size is made once per JVM: the simulator's mysql-seed is deterministic.
 */
abstract class OnIngestStage {
    private static final Map<Integer, String> SEEDS = new ConcurrentHashMap<>();

    private final String name;
    private final int artists;
    IngestStage stage;

    /** @param artists the size of the simulator's catalog, seeded into MySQL */
    OnIngestStage(String name, int artists) {
        this.name = name;
        this.artists = artists;
    }

    /** Starts the stage: its simulator serves with these options, the artist snapshot of dt is extracted. */
    void start(String... serveOptions) {
        stage = IngestStage.start(name, SEEDS.computeIfAbsent(artists, Simulator::mysqlSeed), serveOptions);
    }

    @AfterEach
    void stopStage() {
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }
}
