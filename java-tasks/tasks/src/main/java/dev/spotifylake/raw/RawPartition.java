package dev.spotifylake.raw;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.VersionName;
import dev.spotifylake.lake.VersionedPartition;
import dev.spotifylake.lake.Zone;

/**
 * One raw partition, {@code raw/<dataset>/dt=D/}, a {@link VersionedPartition}: each version a folder of numbered
 * gzip NDJSON part files and its {@code _failures.json} (what could not be had, and why), made current by the
 * partition's pointer, written last. A forced fetch that fails leaves the previous version readable. The one reader
 * of the raw layout: fetches, flatten and repair all go through it.
 */
public record RawPartition(ObjectStore store, Dataset dataset, LocalDate dt) {
    public static final String PART_EXTENSION = "json.gz";
    private static final Pattern PART_FILE = Pattern.compile("part-\\d{5,}\\.json\\.gz");

    public RawPartition {
        requireNonNull(store, "store is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(dt, "dt is null");
    }

    /** The task that writes the raw partition of a dataset. */
    private static String writer(Dataset dataset) {
        return switch (dataset) {
            case ARTISTS -> "extract-artists";
            case TOP_TRACKS -> "fetch-tracks-raw-json";
            case AUDIO_FEATURES -> "fetch-audio-features-raw-json";
            case ARTIST_SIMILARITY -> throw new IllegalArgumentException("artist_similarity has no raw zone");
        };
    }

    /** The partition's folder, {@code raw/top_tracks/dt=2026-11-20/}, which holds all its versions. */
    public String location() {
        return versions().folder();
    }

    public static String partFileName(int number) {
        return LakePaths.partFile(number, PART_EXTENSION);
    }

    static boolean isPartFile(String relative) {
        return PART_FILE.matcher(relative).matches();
    }

    /** The complete version readers see; exit 2 with one line when its pointer is broken. */
    public Optional<RawVersion> current() {
        return versions().current().map(this::version);
    }

    /** For the partition's writers: the complete version, or empty when there is none or its pointer is broken. */
    public Optional<RawVersion> complete() {
        return versions().complete().map(this::version);
    }

    /** The current part files with their sizes, in order; none when the partition is not complete. */
    public List<StoredObject> parts() {
        return current().map(RawVersion::parts).orElse(List.of());
    }

    public List<String> partKeys() {
        return parts().stream().map(StoredObject::key).toList();
    }

    /** Whether any version, complete or not, holds a part file. */
    public boolean hasAnyPartFile() {
        return store.list(location()).stream().anyMatch(object -> isPartFile(LakePaths.fileName(object.key())));
    }

    /** A new, empty version to write; readers go on seeing the current one until {@link #commit} switches. */
    public RawVersion startVersion(Instant now) {
        return new RawVersion(store, versions().versionFolder(VersionName.of(now)), null);
    }

    /** The version started last, to resume after a killed run; none when no version was started. */
    public Optional<RawVersion> newestVersion() {
        List<String> present = versions().versionsPresent();
        return present.isEmpty() ? Optional.empty()
                : Optional.of(new RawVersion(store, versions().versionFolder(present.get(present.size() - 1)), null));
    }

    /**
     * Makes {@code version} current: writes its {@code _failures.json}, then the partition's pointer naming it, its
     * part files with their lines, the {@code source} that answered (null when none) and the writer's summary.
     */
    public void commit(RawVersion version, Map<String, Long> linesByPart, String source, Object summary,
            List<Map<String, Object>> failures, Instant now) {
        version.writeJson(LakePaths.FAILURES_FILE, Map.of("failures", failures));
        versions().commit(version.name(), linesByPart, source, LakeJson.JSON.valueToTree(summary), now);
    }

    /** Its versions, with what rewrites it when its pointer is broken; repair deletes the expired ones through it. */
    public VersionedPartition versions() {
        return new VersionedPartition(store, Zone.RAW, dataset, dt, "run " + writer(dataset) + " --dt " + dt
                + " again (a plain run writes over a broken pointer)");
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

    private RawVersion version(Pointer pointer) {
        return new RawVersion(store, versions().versionFolder(pointer.version()), pointer);
    }
}
