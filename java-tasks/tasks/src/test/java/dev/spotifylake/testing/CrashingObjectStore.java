package dev.spotifylake.testing;

import java.util.List;

import dev.spotifylake.lake.ObjectStore;

/**
 * A lake whose task dies before its {@code n}-th change (put, copy or delete), the way kill -9 stops a task
 * between two S3 calls. Reads go through.
 */
public final class CrashingObjectStore extends ChangeWatchingObjectStore {
    /** The task's death. */
    public static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed", null, false, false);
        }
    }

    private final int changesBeforeDeath;
    private int changes;

    public CrashingObjectStore(ObjectStore lake, int changesBeforeDeath) {
        super(lake);
        this.changesBeforeDeath = changesBeforeDeath;
    }

    public int changes() {
        return changes;
    }

    @Override
    protected synchronized void beforeChange(List<String> keys) {
        if (changes == changesBeforeDeath) {
            throw new Killed();
        }
        changes++;
    }
}
