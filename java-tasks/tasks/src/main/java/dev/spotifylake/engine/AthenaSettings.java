package dev.spotifylake.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Where and how statements run on Athena.
 *
 * @param database the Glue database of the lake's tables
 * @param workgroup the workgroup that runs (and bills) the queries
 * @param outputLocation where Athena writes results; absent when the workgroup sets its own
 * @param timeout how long one statement may take before the task gives up (a retry waits for the same query)
 */
public record AthenaSettings(String database, String workgroup, Optional<String> outputLocation, Duration timeout) {
    public AthenaSettings {
        requireNonNull(database, "database is null");
        requireNonNull(workgroup, "workgroup is null");
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(timeout, "timeout is null");
    }
}
