package dev.spotifylake.repair;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How repair-athena-partitions brings the catalog in step with the lake. */
public enum RepairMode {
    /** Registers dt=D of each table: one statement each, whatever the number of partitions the table has. */
    ADD,
    /** Athena's name for a full repair: MSCK REPAIR TABLE lists the whole table location. */
    MSCK,
    /** Trino's name for a full repair: sync_partition_metadata lists the whole table location. */
    SYNC;

    /** Both names of a full repair run the engine's own; which name was used only shows in the summary. */
    boolean full() {
        return this != ADD;
    }

    public static RepairMode fromName(String name) {
        return Arrays.stream(values())
                .filter(mode -> mode.toString().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + name + "', expected one of "
                        + Arrays.stream(values()).map(RepairMode::toString).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
