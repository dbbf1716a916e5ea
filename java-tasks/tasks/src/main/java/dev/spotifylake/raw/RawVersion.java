package dev.spotifylake.raw;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.StoredObject;

/**
 * One version of a raw partition, in a folder of its own that is never reused,
 * {@code raw/top_tracks/dt=2026-11-20/_v-20261120T080001123Z-3fa9/}: the part files, {@code _failures.json}, and
 * the progress records under {@code _progress/} that let a killed fetch resume it and a later run copy its good
 * parts. A complete version comes with the pointer that names it.
 */
public final class RawVersion {
    private final ObjectStore store;
    private final String folder;
    private final Pointer pointer;

    RawVersion(ObjectStore store, String folder, Pointer pointer) {
        this.store = requireNonNull(store, "store is null");
        this.folder = requireNonNull(folder, "folder is null");
        this.pointer = pointer;
    }

    public ObjectStore store() {
        return store;
    }

    /** {@code _v-20261120T080001123Z-3fa9} */
    public String name() {
        return LakePaths.fileName(folder.substring(0, folder.length() - 1));
    }

    /** The folder of its files, ending with a slash. */
    public String folder() {
        return folder;
    }

    public String key(String relative) {
        return folder + relative;
    }

    /** The pointer that made it current; empty for a version being written. */
    public Optional<Pointer> pointer() {
        return Optional.ofNullable(pointer);
    }

    /** What its writer said of it in the pointer (counts, lateness); missing for a version being written. */
    public JsonNode summary() {
        return pointer == null ? MissingNode.getInstance() : pointer.summary();
    }

    /** What it could not fetch, one record a subject: {@code _failures.json}'s list. */
    public JsonNode failures() {
        return readJson(LakePaths.FAILURES_FILE).map(json -> json.path("failures")).orElseGet(MissingNode::getInstance);
    }

    /** The part files of the version with their sizes, in order. */
    public List<StoredObject> parts() {
        return store.list(folder).stream()
                .filter(object -> RawPartition.isPartFile(object.key().substring(folder.length())))
                .toList();
    }

    public List<String> partKeys() {
        return parts().stream().map(StoredObject::key).toList();
    }

    /** Every key of the version whose name, relative to its folder, starts so. */
    public List<String> keysStartingWith(String relative) {
        return store.list(folder + relative).stream().map(StoredObject::key).toList();
    }

    public Optional<JsonNode> readJson(String relative) {
        return store.open(key(relative)).map(in -> {
            try (in) {
                return LakeJson.JSON.readTree(in);
            } catch (IOException e) {
                throw TaskException.retryable("cannot read " + key(relative) + ": " + e.getMessage(), e);
            }
        });
    }

    /** Writes a small JSON file of the version whole. */
    public void writeJson(String relative, Object value) {
        try {
            store.put(key(relative), LakeJson.JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(Collection<String> keys) {
        if (!keys.isEmpty()) {
            store.delete(keys);
        }
    }

    @Override
    public String toString() {
        return folder;
    }
}
