package dev.spotifylake.repair;

import java.util.Locale;

/** How repair-athena-partitions brings the catalog in step with the lake. */
public enum RepairMode {
    /** Registers dt=D of each table: one statement each, whatever the number of partitions the table has. */
    ADD,
    /**
     * Athena's name for a full repair. It does what MSCK REPAIR TABLE did, but from the curated manifests: every dt
     * with a manifest is pointed at its current version (the engine's own repair would register each dt's folder,
     * which holds every version).
     */
    MSCK,
    /** Trino's name for the same full repair (after sync_partition_metadata, which it replaces). */
    SYNC;

    /** Both names of a full repair do the same; which name was used only shows in the summary. */
    boolean full() {
        return this != ADD;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
