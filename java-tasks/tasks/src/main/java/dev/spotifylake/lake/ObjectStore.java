package dev.spotifylake.lake;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The lake's storage, addressed by lake-relative keys ({@code raw/artists/dt=2026-11-20/part-00000.json.gz}).
 * Every handoff between tasks goes through it, never through a worker's local disk. Implementations turn their
 * failures into {@link dev.spotifylake.common.TaskException}s with the right exit code.
 */
public interface ObjectStore {

    /** Uploads a local file as one object: readers see the whole object or none of it. */
    void put(String key, Path file);

    /** Writes a small object (a manifest, a failures file) whole. */
    void put(String key, byte[] content);

    /** Opens an object for streaming; empty when it does not exist. */
    Optional<InputStream> open(String key);

    /** Every object whose key starts with the prefix, at any depth, in key order. */
    List<StoredObject> list(String prefix);

    /** Copies an object within the lake. */
    void copy(String sourceKey, String targetKey);

    /** Deletes the objects; keys that do not exist are ignored. */
    void delete(Collection<String> keys);

    /** Where the lake lives, to build the s3:// locations a catalog needs. */
    LakeUri root();
}
