package dev.spotifylake.raw;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.Zone;

/**
 * One raw partition, {@code raw/<dataset>/dt=D/}: its numbered gzip NDJSON part files (the data), and the small
 * JSON files beside them whose names start with an underscore, which readers of the data skip: the
 * {@code _manifest.json} (what the parts hold) and the {@code _failures.json} written last, which marks the
 * partition complete, and the progress records under {@code _progress/} that let a killed fetch resume.
 */
public final class RawPartition {
    public static final String PART_EXTENSION = "json.gz";
    private static final Pattern PART_FILE = Pattern.compile("part-\\d{5,}\\.json\\.gz");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final Dataset dataset;
    private final LocalDate dt;
    private final String prefix;

    public RawPartition(ObjectStore store, Dataset dataset, LocalDate dt) {
        this.store = requireNonNull(store, "store is null");
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.dt = requireNonNull(dt, "dt is null");
        this.prefix = LakePaths.partition(Zone.RAW, dataset, dt);
    }

    public ObjectStore store() {
        return store;
    }

    public LocalDate dt() {
        return dt;
    }

    /** The partition's folder, {@code raw/top_tracks/dt=2026-11-20/}. */
    public String location() {
        return prefix;
    }

    /** The lake key of the folder holding the partition's current part files, ending with '/': the catalog's location. */
    public String currentFolder() {
        return prefix;
    }

    public static String partFileName(int number) {
        return LakePaths.partFile(number, PART_EXTENSION);
    }

    public String key(String fileName) {
        return prefix + fileName;
    }

    /** The data files of the partition, in order; anything else in the folder is not data. */
    public List<String> partKeys() {
        return store.list(prefix).stream()
                .map(StoredObject::key)
                .filter(key -> PART_FILE.matcher(key.substring(prefix.length())).matches())
                .sorted()
                .toList();
    }

    /** Every key under the partition, data or not, whose name (relative to the partition) starts so. */
    public List<String> keysStartingWith(String relativePrefix) {
        return store.list(prefix + relativePrefix).stream().map(StoredObject::key).toList();
    }

    /** A raw partition is complete once its {@code _failures.json} exists: it is written last. */
    public boolean isComplete() {
        return has(LakePaths.FAILURES_FILE);
    }

    /**
     * Writes {@code _failures.json}, the partition's last file: what could not be had, and the mark that the
     * partition is complete. Every other file of the partition must be in place before.
     */
    public void markComplete(List<Map<String, Object>> failures) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("dataset", dataset.folder());
        content.put("dt", dt.toString());
        content.put("written_at", RawJson.instant(Instant.now()));
        content.put("complete", true);
        content.put("failures", failures);
        writeJson(LakePaths.FAILURES_FILE, content);
    }

    public boolean has(String fileName) {
        Optional<InputStream> content = store.open(key(fileName));
        content.ifPresent(RawPartition::closeQuietly);
        return content.isPresent();
    }

    public Optional<JsonNode> readJson(String fileName) {
        return store.open(key(fileName)).map(in -> {
            try (in) {
                return MAPPER.readTree(in);
            } catch (IOException e) {
                throw TaskException.retryable("cannot read " + key(fileName) + ": " + e.getMessage(), e);
            }
        });
    }

    /** Writes a small JSON file whole. */
    public void writeJson(String fileName, Object value) {
        try {
            store.put(key(fileName), MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(Collection<String> keys) {
        if (!keys.isEmpty()) {
            store.delete(keys);
        }
    }

    /** Streams every line of the part files as a JSON tree, one line in memory at a time. */
    public void forEachLine(Consumer<JsonNode> consumer) {
        for (String key : partKeys()) {
            RawPartStream.forEachLine(store, key, (json, number) -> {
                JsonNode line = json.readValueAsTree();
                consumer.accept(line == null ? NullNode.getInstance() : line);
                return true;
            });
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // only probing for existence: nothing was read
        }
    }
}
