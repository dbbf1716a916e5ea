package dev.spotifylake.testing;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;

/**
 * A lake whose task dies before its {@code n}-th change (put, copy or delete), the way kill -9 stops a task
 * between two S3 calls. Reads go through.
 */
public final class CrashingObjectStore implements ObjectStore {
    /** The task's death. */
    public static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed", null, false, false);
        }
    }

    private final ObjectStore lake;
    private final int changesBeforeDeath;
    private int changes;

    public CrashingObjectStore(ObjectStore lake, int changesBeforeDeath) {
        this.lake = lake;
        this.changesBeforeDeath = changesBeforeDeath;
    }

    public int changes() {
        return changes;
    }

    @Override
    public void put(String key, Path file) {
        change();
        lake.put(key, file);
    }

    @Override
    public void put(String key, byte[] content) {
        change();
        lake.put(key, content);
    }

    @Override
    public Optional<InputStream> open(String key) {
        return lake.open(key);
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return lake.list(prefix);
    }

    @Override
    public void copy(String sourceKey, String targetKey) {
        change();
        lake.copy(sourceKey, targetKey);
    }

    @Override
    public void delete(Collection<String> keys) {
        change();
        lake.delete(keys);
    }

    @Override
    public LakeUri root() {
        return lake.root();
    }

    private void change() {
        if (changes == changesBeforeDeath) {
            throw new Killed();
        }
        changes++;
    }
}
