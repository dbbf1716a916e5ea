package dev.spotifylake.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;

/** A lake held in memory for unit tests: the same contract as S3, no server. */
public final class InMemoryObjectStore implements ObjectStore {
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, Path file) {
        try {
            objects.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        objects.put(key, content.clone());
    }

    @Override
    public Optional<InputStream> open(String key) {
        return Optional.ofNullable(objects.get(key)).map(ByteArrayInputStream::new);
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return objects.tailMap(prefix).entrySet().stream()
                .takeWhile(entry -> entry.getKey().startsWith(prefix))
                .map(entry -> new StoredObject(entry.getKey(), entry.getValue().length))
                .toList();
    }

    @Override
    public void copy(String sourceKey, String targetKey) {
        byte[] source = objects.get(sourceKey);
        if (source == null) {
            // as S3ObjectStore classifies S3's NoSuchKey
            throw TaskException.notRetryable("S3: cannot copy " + sourceKey + " to " + targetKey + ": no such key");
        }
        objects.put(targetKey, source);
    }

    @Override
    public void delete(Collection<String> keys) {
        keys.forEach(objects::remove);
    }

    @Override
    public LakeUri root() {
        return new LakeUri("test-lake", "");
    }

    /** Every key in the lake, for assertions on the whole layout. */
    public List<String> keys() {
        return List.copyOf(objects.keySet());
    }
}
