package dev.spotifylake.curated;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.Zone;

/**
 * The versions of one curated partition, {@code curated/<dataset>/dt=D/}: each publication writes its files into
 * a folder of its own, {@code _v<attempt>/}, that no other version shares and that is never reused, and then
 * points {@code _manifest.json} at it. The folders' names start with an underscore so that engines listing the
 * partition's folder itself (a partition registered before versions) skip them, as they skip every hidden file.
 * A partition published before versions has one version, the empty name, whose files lie in the folder itself.
 */
public final class CuratedVersions {
    /**
     * How long a replaced version stays after it stopped being current: longer than Athena's default query timeout
     * (30 minutes) plus the time between load-s3 and repair-athena-partitions in the DAG, retries included, so that
     * no query that started on it, through the catalog or the manifest, is still reading it.
     */
    public static final Duration GRACE = Duration.ofHours(2);

    /** The name of a partition's version folders before the attempt name. */
    static final String PREFIX = "_v";

    private final ObjectStore store;
    private final String folder;

    public CuratedVersions(ObjectStore store, Dataset dataset, LocalDate dt) {
        this.store = requireNonNull(store, "store is null");
        this.folder = LakePaths.partition(Zone.CURATED, dataset, dt);
    }

    /** The partition's folder, {@code curated/top_tracks/dt=2026-11-20/}. */
    public String folder() {
        return folder;
    }

    /** The key of the pointer to the current version. */
    public String manifestKey() {
        return folder + LakePaths.MANIFEST_FILE;
    }

    /** The folder of a version, ending with a slash; the partition's folder for the version before versions. */
    public String versionFolder(String version) {
        return version.isEmpty() ? folder : folder + PREFIX + version + "/";
    }

    /** Every version found in the partition's folder and the keys of its files, by version name. */
    public Map<String, List<String>> list() {
        Map<String, List<String>> versions = new TreeMap<>();
        for (StoredObject object : store.list(folder)) {
            String relative = object.key().substring(folder.length());
            int slash = relative.indexOf('/');
            if (slash > 0 && relative.startsWith(PREFIX)) {
                versions.computeIfAbsent(relative.substring(PREFIX.length(), slash), v -> new ArrayList<>()).add(object.key());
            } else if (slash < 0 && !relative.startsWith("_")) {
                versions.computeIfAbsent("", v -> new ArrayList<>()).add(object.key());
            }
        }
        return versions;
    }

    /** Deletes the files of the versions named. */
    public void delete(List<String> versions) {
        Map<String, List<String>> present = list();
        List<String> keys = versions.stream().flatMap(version -> present.getOrDefault(version, List.of()).stream()).toList();
        if (!keys.isEmpty()) {
            store.delete(keys);
        }
    }
}
