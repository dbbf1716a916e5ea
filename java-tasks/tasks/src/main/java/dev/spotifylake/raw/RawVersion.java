package dev.spotifylake.raw;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.TimedName;

/**
 * One set of part files of a raw partition, in a folder of its own that is never reused,
 * {@code raw/top_tracks/dt=2026-11-20/_v-20261120T080001123Z-3fa9/}: the part files, and while it is written the
 * progress records under {@code _progress/} that let a killed fetch resume it. A partition written before versions
 * existed holds its one set directly in the partition folder: the legacy version, named "".
 */
public final class RawVersion {
    static final String LEGACY = "";
    /** Marks a folder as a version; hidden from an engine listing the partition folder itself. */
    private static final String PREFIX = "_v-";

    private final ObjectStore store;
    private final String name;
    private final String folder;

    RawVersion(ObjectStore store, String partition, String name) {
        this.store = requireNonNull(store, "store is null");
        this.name = requireNonNull(name, "name is null");
        this.folder = name.equals(LEGACY) ? partition : partition + name + "/";
    }

    /** A fresh name, {@code _v-20261120T080001123Z-3fa9}: later versions sort after earlier ones. */
    static String newName(Instant now) {
        return PREFIX + TimedName.of(now);
    }

    static boolean isName(String candidate) {
        return candidate.startsWith(PREFIX) && TimedName.startedAt(candidate.substring(PREFIX.length())).isPresent();
    }

    /** When a version was started, from its name; the legacy version counts as started long ago. */
    static Instant startedAt(String name) {
        return name.startsWith(PREFIX)
                ? TimedName.startedAt(name.substring(PREFIX.length())).orElse(Instant.EPOCH)
                : Instant.EPOCH;
    }

    public ObjectStore store() {
        return store;
    }

    /** {@code _v-20261120T080001123Z-3fa9}, or "" for the legacy version. */
    public String name() {
        return name;
    }

    /** The folder of its files, ending with a slash. */
    public String folder() {
        return folder;
    }

    public String key(String relative) {
        return folder + relative;
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
                return RawPartition.MAPPER.readTree(in);
            } catch (IOException e) {
                throw TaskException.retryable("cannot read " + key(relative) + ": " + e.getMessage(), e);
            }
        });
    }

    /** Writes a small JSON file of the version whole. */
    public void writeJson(String relative, Object value) {
        try {
            store.put(key(relative), RawPartition.MAPPER.writeValueAsBytes(value));
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
        return name.equals(LEGACY) ? folder + " (unversioned)" : folder;
    }
}
