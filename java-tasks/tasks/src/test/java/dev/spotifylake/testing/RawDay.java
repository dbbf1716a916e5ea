package dev.spotifylake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;

/**
 * Writes a raw partition the way ingest leaves it: a new version of numbered gzip NDJSON part files of the given
 * lines, made current with its pointer (the counts ingest writes in its summary).
 */
public final class RawDay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawDay() {
    }

    /** Replaces the partition: one part file per list of lines; the manifest counts the records they hold. */
    public static void write(ObjectStore store, Dataset dataset, LocalDate dt, List<List<String>> parts) {
        long records = 0;
        long nulls = 0;
        for (List<String> part : parts) {
            for (String line : part) {
                long[] counted = count(dataset, line);
                records += counted[0];
                nulls += counted[1];
            }
        }
        write(store, dataset, dt, parts, summary(dataset, records, nulls));
    }

    /**
     * Replaces the partition: one part file per list of lines, with the summary given (another source's counts); its
     * {@code source}, when present, is the source the pointer names.
     */
    public static void write(ObjectStore store, Dataset dataset, LocalDate dt, List<List<String>> parts,
            Map<String, Object> summary) {
        RawPartition partition = new RawPartition(store, dataset, dt);
        RawVersion version = partition.startVersion(Instant.now());
        Map<String, Long> linesByPart = new LinkedHashMap<>();
        for (int number = 0; number < parts.size(); number++) {
            linesByPart.put(RawPartition.partFileName(number), (long) parts.get(number).size());
            try (PartFileWriter part = new PartFileWriter()) {
                for (String line : parts.get(number)) {
                    part.write(json -> json.writeRaw(line.substring(1, line.length() - 1)));
                }
                part.publish(store, version.key(RawPartition.partFileName(number)));
            }
        }
        partition.commit(version, linesByPart, (String) summary.get("source"), summary, List.of(), Instant.now());
    }

    /** Replaces the summary in the raw pointer, e.g. with counts that do not match the part files. */
    public static void writeSummary(ObjectStore store, Dataset dataset, LocalDate dt, Map<String, Object> summary) {
        String key = LakePaths.partition(Zone.RAW, dataset, dt) + LakePaths.MANIFEST_FILE;
        try (InputStream in = store.open(key).orElseThrow()) {
            Pointer pointer = LakeJson.JSON.readValue(in, Pointer.class);
            store.put(key, LakeJson.JSON.writeValueAsBytes(new Pointer(pointer.dataset(), pointer.dt(), pointer.version(),
                    pointer.writtenAt(), pointer.files(), pointer.source(), LakeJson.JSON.valueToTree(summary), pointer.retired())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> summary(Dataset dataset, long records, long nulls) {
        return switch (dataset) {
            case ARTISTS -> Map.of("artists", records);
            case TOP_TRACKS -> Map.of("counts", Map.of("tracks", records));
            case AUDIO_FEATURES -> Map.of("counts", Map.of("audio_features", records - nulls, "null_entries", nulls));
            case ARTIST_SIMILARITY -> throw new IllegalArgumentException("artist_similarity has no raw zone");
        };
    }

    /** How ingest counts a line: {records, of which null entries}. */
    private static long[] count(Dataset dataset, String line) {
        try {
            JsonNode tree = JSON.readTree(line);
            return switch (dataset) {
                case ARTISTS -> new long[] {1, 0};
                case TOP_TRACKS -> new long[] {tree.path("body").path("tracks").size(), 0};
                case AUDIO_FEATURES -> {
                    long nulls = 0;
                    for (JsonNode entry : tree.path("body").path("audio_features")) {
                        nulls += entry.isNull() ? 1 : 0;
                    }
                    yield new long[] {tree.path("body").path("audio_features").size(), nulls};
                }
                case ARTIST_SIMILARITY -> throw new IllegalArgumentException("artist_similarity has no raw zone");
            };
        } catch (IOException e) {
            // not JSON: ingest never writes such a line, a test does to see it rejected
            return new long[] {1, 0};
        }
    }
}
