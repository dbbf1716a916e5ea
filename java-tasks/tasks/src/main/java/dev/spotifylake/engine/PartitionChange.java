package dev.spotifylake.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What registers or moves one partition: the statements that change the catalog, in order, and the one that then
 * makes readers see the result, for an engine whose readers would not see it at once (Trino, when the partition
 * procedures run on a catalog of their own: the flush of the readers' catalog's cache; none on Athena).
 */
public record PartitionChange(List<String> statements, Optional<String> publish) {
    public PartitionChange {
        statements = List.copyOf(statements);
        requireNonNull(publish, "publish is null");
    }
}
