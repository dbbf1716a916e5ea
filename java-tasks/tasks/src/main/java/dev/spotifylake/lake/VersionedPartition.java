package dev.spotifylake.lake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.TaskException;

/**
 * One partition of the lake, raw or curated, {@code <zone>/<dataset>/dt=D/}, written as versions: each writer puts
 * its files into a version folder of its own ({@link VersionName}) that no other version shares and that is never
 * reused, then writes the partition's one pointer, {@code _manifest.json} ({@link Pointer}), last. The pointer is
 * the only thing that says "complete"; a kill or two writers at once can only leave the previous pointer or a new
 * one, each naming a whole version.
 *
 * <p>Readers go through {@link #current()}, which checks the version folder against the pointer before anyone reads
 * it: a pointer that cannot be read, that names a missing version or lists other files than the folder holds stops
 * the reader with exit 2 and one line saying how to write the partition again. Writers go through
 * {@link #complete()}, which answers such a pointer as absent, so that writing the partition again heals it.
 *
 * <p>Retention, the one rule: a version other than the current and the previous one is deleted {@link #GRACE} after
 * it stopped being current (one never current, e.g. left by a killed writer: after it was started). Each pointer
 * lists every other version folder present as retired, with when it was retired, whatever the pointer it replaced
 * said, so the rule holds even over a lost or damaged pointer.
 */
public final class VersionedPartition {
    /**
     * How long a replaced version stays: longer than Athena's default query timeout (30 minutes) plus the time from
     * a load to the repair that moves the catalog, retries included, so that no query that started on it, through
     * the catalog or the pointer, is still reading it.
     */
    public static final Duration GRACE = Duration.ofHours(2);
    private static final Logger log = LoggerFactory.getLogger(VersionedPartition.class);

    private final ObjectStore store;
    private final Dataset dataset;
    private final LocalDate dt;
    private final String folder;
    private final String repair;

    /** @param repair what rewrites the partition, for the line of a reader that finds it broken */
    public VersionedPartition(ObjectStore store, Zone zone, Dataset dataset, LocalDate dt, String repair) {
        this.store = requireNonNull(store, "store is null");
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.dt = requireNonNull(dt, "dt is null");
        this.folder = LakePaths.partition(zone, dataset, dt);
        this.repair = requireNonNull(repair, "repair is null");
    }

    public ObjectStore store() {
        return store;
    }

    /** The partition's folder, ending with a slash: {@code raw/top_tracks/dt=2026-11-20/}. */
    public String folder() {
        return folder;
    }

    /** What writes the partition again, for a reader's line: {@code run flatten-to-parquet ..., then load-s3 ...}. */
    public String repair() {
        return repair;
    }

    /** The folder of a version, ending with a slash. */
    public String versionFolder(String version) {
        return folder + version + "/";
    }

    /** The complete version for readers; empty when none is; exit 2 with one line when the pointer is broken. */
    public Optional<Pointer> current() {
        Checked checked = check();
        if (checked.problem() != null) {
            throw TaskException.notRetryable(store.root().uriOf(folder) + ": " + checked.problem()
                    + "; nothing was read. Write the partition again: " + repair);
        }
        return checked.pointer();
    }

    /**
     * Whether the dt is already complete, for its writers: the pointer when it names a version that holds its files,
     * empty when there is none or it is broken (then a warning, and the writer writes a new version over it).
     */
    public Optional<Pointer> complete() {
        Checked checked = check();
        if (checked.problem() != null) {
            log.warn("{}: {}; writing the partition again as a new version", store.root().uriOf(folder), checked.problem());
        }
        return checked.pointer();
    }

    /**
     * Makes {@code version} current: writes the pointer naming it and its data files, as they are in its folder, with
     * their rows; every other version folder present is listed as retired (since now, unless it was already).
     */
    public Pointer commit(String version, Map<String, Long> rowsByFile, String source, JsonNode summary, Instant now) {
        String versionFolder = versionFolder(version);
        Map<String, Long> bytes = dataFiles(store.list(versionFolder), versionFolder);
        if (!bytes.keySet().equals(rowsByFile.keySet())) {
            throw new IllegalStateException(versionFolder + " holds " + bytes.keySet() + ", not the files written "
                    + rowsByFile.keySet());
        }
        List<Pointer.VersionFile> files = new TreeMap<>(rowsByFile).entrySet().stream()
                .map(file -> new Pointer.VersionFile(file.getKey(), file.getValue(), bytes.get(file.getKey()))).toList();
        Pointer pointer = new Pointer(dataset.folder(), dt.toString(), version, now.toString(), files, source, summary,
                retiredBy(version, now));
        try {
            store.put(folder + LakePaths.MANIFEST_FILE, LakeJson.JSON.writeValueAsBytes(pointer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pointer;
    }

    /** Every version folder present but the new one, the one current until now first, the others newest first. */
    private List<Pointer.Retired> retiredBy(String version, Instant now) {
        Optional<Pointer> previous = readPointer().pointer();
        String previousVersion = previous.map(Pointer::version).orElse("");
        Map<String, Instant> retiredSince = new HashMap<>();
        previous.ifPresent(pointer -> pointer.retired().forEach(old -> retiredSince.put(old.version(), old.retiredAtTime())));
        List<String> others = versionsPresent().stream().filter(name -> !name.equals(version)).toList();
        List<Pointer.Retired> retired = new ArrayList<>();
        if (others.contains(previousVersion)) {
            retired.add(new Pointer.Retired(previousVersion, now));
        }
        others.stream().filter(name -> !name.equals(previousVersion))
                .map(name -> new Pointer.Retired(name, retiredSince.getOrDefault(name, now)))
                .sorted(Comparator.comparing(Pointer.Retired::retiredAtTime).reversed())
                .forEach(retired::add);
        return retired;
    }

    /**
     * The one place that deletes versions: every version but the current one, the previous one and those in
     * {@code keep} (e.g. the folder a catalog reads) that stopped being current {@link #GRACE} ago or more, or was
     * never current and was started that long ago. Answers the versions deleted.
     */
    public List<String> deleteExpired(Instant now, Set<String> keep) {
        Optional<Pointer> pointer = readPointer().pointer();
        if (pointer.isEmpty()) {
            return List.of();
        }
        Set<String> kept = new HashSet<>(keep);
        kept.add(pointer.get().version());
        pointer.get().retired().stream().findFirst().ifPresent(previous -> kept.add(previous.version()));
        Map<String, Instant> retiredAt = pointer.get().retired().stream()
                .collect(Collectors.toMap(Pointer.Retired::version, Pointer.Retired::retiredAtTime, (a, b) -> a));
        Instant expiry = now.minus(GRACE);
        List<String> expired = versionsPresent().stream()
                .filter(name -> !kept.contains(name))
                .filter(name -> !retiredAt.getOrDefault(name, VersionName.startedAt(name).orElse(now)).isAfter(expiry))
                .toList();
        if (!expired.isEmpty()) {
            log.info("{}: deleting versions {}, out of use for more than {}", folder, expired, GRACE);
            List<String> keys = new ArrayList<>();
            expired.forEach(name -> store.list(versionFolder(name)).forEach(object -> keys.add(object.key())));
            store.delete(keys);
        }
        return expired;
    }

    /** The names of the version folders present, oldest first. */
    public List<String> versionsPresent() {
        Set<String> names = new TreeSet<>();
        for (StoredObject object : store.list(folder)) {
            String relative = object.key().substring(folder.length());
            int slash = relative.indexOf('/');
            if (slash > 0 && VersionName.startedAt(relative.substring(0, slash)).isPresent()) {
                names.add(relative.substring(0, slash));
            }
        }
        return List.copyOf(names);
    }

    /** A pointer read and checked against its version's folder: the pointer, or what is wrong with it. */
    private record Checked(Optional<Pointer> pointer, String problem) {
    }

    private Checked check() {
        Checked read = readPointer();
        if (read.pointer().isEmpty()) {
            return read;
        }
        Pointer pointer = read.pointer().get();
        String versionFolder = versionFolder(pointer.version());
        Map<String, Long> present = dataFiles(store.list(versionFolder), versionFolder);
        if (present.isEmpty() && !pointer.files().isEmpty()) {
            return broken(LakePaths.MANIFEST_FILE + " names version " + pointer.version() + ", which is not there");
        }
        Map<String, Long> listed = new HashMap<>();
        pointer.files().forEach(file -> listed.put(file.file(), file.bytes()));
        if (!present.equals(listed)) {
            return broken(LakePaths.MANIFEST_FILE + " lists " + listed.size() + " files of version " + pointer.version()
                    + ", which holds " + present.size() + " others or of other sizes");
        }
        return read;
    }

    private Checked readPointer() {
        Optional<InputStream> stream = store.open(folder + LakePaths.MANIFEST_FILE);
        if (stream.isEmpty()) {
            return new Checked(Optional.empty(), null);
        }
        try (InputStream in = stream.get()) {
            Pointer pointer = LakeJson.JSON.readValue(in, Pointer.class);
            if (pointer.version() == null || VersionName.startedAt(pointer.version()).isEmpty()) {
                return broken(LakePaths.MANIFEST_FILE + " names no version");
            }
            return new Checked(Optional.of(pointer), null);
        } catch (JsonProcessingException e) {
            return broken(LakePaths.MANIFEST_FILE + " cannot be parsed (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw TaskException.retryable("cannot read " + folder + LakePaths.MANIFEST_FILE + ": " + e.getMessage(), e);
        }
    }

    private static Checked broken(String problem) {
        return new Checked(Optional.empty(), problem);
    }

    /** The data files directly in a version's folder, by name, with their sizes: not its {@code _} or {@code .} files. */
    private static Map<String, Long> dataFiles(List<StoredObject> objects, String versionFolder) {
        Map<String, Long> files = new HashMap<>();
        for (StoredObject object : objects) {
            String name = object.key().substring(versionFolder.length());
            if (!name.contains("/") && !name.startsWith("_") && !name.startsWith(".")) {
                files.put(name, object.size());
            }
        }
        return files;
    }
}
