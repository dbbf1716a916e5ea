package dev.spotifylake.testing;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;

/** A lake that lets a test step in before each change (put, copy or delete) a task makes; reads go through. */
abstract class ChangeWatchingObjectStore implements ObjectStore {
    private final ObjectStore lake;

    ChangeWatchingObjectStore(ObjectStore lake) {
        this.lake = lake;
    }

    /** Called before each change, with the keys it writes or deletes. */
    protected abstract void beforeChange(List<String> keys);

    @Override
    public void put(String key, Path file) {
        beforeChange(List.of(key));
        lake.put(key, file);
    }

    @Override
    public void put(String key, byte[] content) {
        beforeChange(List.of(key));
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
        beforeChange(List.of(targetKey));
        lake.copy(sourceKey, targetKey);
    }

    @Override
    public void delete(Collection<String> keys) {
        beforeChange(List.copyOf(keys));
        lake.delete(keys);
    }

    @Override
    public LakeUri root() {
        return lake.root();
    }
}
