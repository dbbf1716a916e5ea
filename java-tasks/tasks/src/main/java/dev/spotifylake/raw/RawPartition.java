package dev.spotifylake.raw;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * One raw partition, {@code raw/<dataset>/dt=D/}: its versions (each a folder of numbered gzip NDJSON part files,
 * see {@link RawVersion}) and the two small files that say which one is current, {@code _manifest.json} (what the
 * parts hold) and {@code _failures.json} (what could not be had), both naming the version. {@code _failures.json}
 * is written last: the partition is complete once it exists, and switches to a new version only when the new
 * version is complete, so a forced fetch that fails leaves the previous set readable. The one reader of the raw
 * layout: fetches, flatten and repair all go through it.
 *
 * <p>Superseded versions are deleted by a later writer of the partition: every version but the current and the
 * previous one, once the current one has been current for {@link #GRACE} and the version was started that long
 * ago (no query still reads it, no other writer still writes it).
 */
public final class RawPartition {
    /** How long a superseded or abandoned version is kept: longer than any query of the lake runs. */
    public static final Duration GRACE = Duration.ofHours(1);
    public static final String PART_EXTENSION = "json.gz";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Logger log = LoggerFactory.getLogger(RawPartition.class);
    private static final Pattern PART_FILE = Pattern.compile("part-\\d{5,}\\.json\\.gz");
    /** Where the legacy version kept the records of a fetch in progress. */
    private static final String LEGACY_PROGRESS = "_progress/";

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

    /** The partition's folder, {@code raw/top_tracks/dt=2026-11-20/}, which holds all its versions. */
    public String location() {
        return prefix;
    }

    public static String partFileName(int number) {
        return LakePaths.partFile(number, PART_EXTENSION);
    }

    static boolean isPartFile(String relative) {
        return PART_FILE.matcher(relative).matches();
    }

    /** A raw partition is complete once its {@code _failures.json} exists: it is written last. */
    public boolean isComplete() {
        return has(LakePaths.FAILURES_FILE);
    }

    /** The complete version readers see, if the partition is complete. */
    public Optional<RawVersion> current() {
        return readJson(LakePaths.FAILURES_FILE).map(failures -> version(failures.path("version").asText(RawVersion.LEGACY)));
    }

    /**
     * The lake key, ending with a slash, of the folder that holds the current part files and no other version's:
     * the location a catalog registers the partition at.
     */
    public String currentFolder() {
        return current().map(RawVersion::folder).orElseThrow(() -> TaskException.notRetryable(prefix
                + " is not complete (no " + LakePaths.FAILURES_FILE + "): it has no current version to register"));
    }

    /** The current data files with their sizes, in order; none when the partition is not complete. */
    public List<StoredObject> parts() {
        return current().map(RawVersion::parts).orElse(List.of());
    }

    public List<String> partKeys() {
        return parts().stream().map(StoredObject::key).toList();
    }

    /** Whether any version, complete or not, holds a part file. */
    public boolean hasAnyPartFile() {
        return store.list(prefix).stream().anyMatch(object -> isPartFile(LakePaths.fileName(object.key())));
    }

    /** A new, empty version to write; readers go on seeing the current one until {@link #complete} switches. */
    public RawVersion startVersion(Instant now) {
        return version(RawVersion.newName(now));
    }

    /** The version started last, to resume after a killed run; none when no version was started. */
    public Optional<RawVersion> newestVersion() {
        return versionNames().stream().reduce((first, second) -> second).map(this::version);
    }

    /**
     * Makes {@code version} current: writes {@code _manifest.json} (the given content, with the version's name),
     * then {@code _failures.json}, last, naming the version and the one it replaces. Then deletes the versions
     * whose grace is over.
     */
    public void complete(RawVersion version, Map<String, Object> manifest, List<Map<String, Object>> failures, Instant now) {
        String previous = current().map(RawVersion::name).orElse(null);
        Map<String, Object> named = new LinkedHashMap<>(manifest);
        named.put("version", version.name());
        writeJson(LakePaths.MANIFEST_FILE, named);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("dataset", dataset.folder());
        content.put("dt", dt.toString());
        content.put("written_at", RawJson.instant(now));
        content.put("complete", true);
        content.put("version", version.name());
        content.put("previous_version", previous);
        content.put("failures", failures);
        writeJson(LakePaths.FAILURES_FILE, content);
        deleteExpiredVersions(now);
    }

    /**
     * Deletes every version but the current and the previous one, once the current one has been current for
     * {@link #GRACE} and the version was started at least that long ago; before that, nothing.
     */
    public void deleteExpiredVersions(Instant now) {
        Optional<JsonNode> pointer = readJson(LakePaths.FAILURES_FILE);
        if (pointer.isEmpty() || !longerAgoThanGrace(writtenAt(pointer.get()), now)) {
            return;
        }
        Set<String> kept = new HashSet<>();
        kept.add(pointer.get().path("version").asText(RawVersion.LEGACY));
        JsonNode previous = pointer.get().path("previous_version");
        if (previous.isTextual()) {
            kept.add(previous.asText());
        }
        List<String> expired = new ArrayList<>();
        for (StoredObject object : store.list(prefix)) {
            String name = versionOf(object.key());
            if (name != null && !kept.contains(name) && longerAgoThanGrace(RawVersion.startedAt(name), now)) {
                expired.add(object.key());
            }
        }
        if (!expired.isEmpty()) {
            log.info("{}: deleting {} files of versions superseded over {} ago", prefix, expired.size(), GRACE);
            store.delete(expired);
        }
    }

    public boolean has(String fileName) {
        Optional<InputStream> content = store.open(prefix + fileName);
        content.ifPresent(RawPartition::closeQuietly);
        return content.isPresent();
    }

    /** Reads {@code _manifest.json} or {@code _failures.json}, the files that name the current version. */
    public Optional<JsonNode> readJson(String fileName) {
        return store.open(prefix + fileName).map(in -> {
            try (in) {
                return MAPPER.readTree(in);
            } catch (IOException e) {
                throw TaskException.retryable("cannot read " + prefix + fileName + ": " + e.getMessage(), e);
            }
        });
    }

    /** Streams every line of the current part files as a JSON tree, one line in memory at a time. */
    public void forEachLine(Consumer<JsonNode> consumer) {
        for (String key : partKeys()) {
            RawPartStream.forEachLine(store, key, (json, number) -> {
                JsonNode line = json.readValueAsTree();
                consumer.accept(line == null ? NullNode.getInstance() : line);
                return true;
            });
        }
    }

    private RawVersion version(String name) {
        return new RawVersion(store, prefix, name);
    }

    /** The names of the version folders, oldest first. */
    private TreeSet<String> versionNames() {
        TreeSet<String> names = new TreeSet<>();
        for (StoredObject object : store.list(prefix)) {
            String name = versionOf(object.key());
            if (name != null && !name.equals(RawVersion.LEGACY)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The version a key belongs to ("" for a legacy part or progress record), or null for the partition's own files. */
    private String versionOf(String key) {
        String relative = key.substring(prefix.length());
        int slash = relative.indexOf('/');
        if (slash > 0 && RawVersion.isName(relative.substring(0, slash))) {
            return relative.substring(0, slash);
        }
        return isPartFile(relative) || relative.startsWith(LEGACY_PROGRESS) ? RawVersion.LEGACY : null;
    }

    private static Instant writtenAt(JsonNode pointer) {
        try {
            return Instant.parse(pointer.path("written_at").asText());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static boolean longerAgoThanGrace(Instant instant, Instant now) {
        return !instant.plus(GRACE).isAfter(now);
    }

    private void writeJson(String fileName, Object value) {
        try {
            store.put(prefix + fileName, MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
