package dev.spotifylake.lake;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.spotifylake.common.TaskException;

/**
 * {@code <zone>/<dataset>/dt=D/_manifest.json}, the one pointer of a partition, raw or curated: written last, it is
 * the only thing that says the partition is complete, and it names the current version and lists that version's
 * data files. See {@link VersionedPartition}.
 *
 * @param version the folder of the current version in the partition's folder ({@link VersionName})
 * @param writtenAt when the pointer was written, an ISO-8601 instant
 * @param files the version's data files (names in its folder) with their rows (lines for raw JSON) and sizes
 * @param source who answered the raw requests ({@code spotify}, {@code reccobeats}); null when that means nothing
 *        (artists, curated tables)
 * @param summary what the writer says about the version: a fetch's counts and lateness, a publication's schema
 *        version, records in, rejects and source files; read back with {@link #summary(Class)}
 * @param retired the versions this one replaced whose folders may still be read, newest first, with when they stopped
 *        being current: deleted after the grace period by {@link VersionedPartition#deleteExpired}
 */
@JsonIgnoreProperties(value = "rows", allowGetters = true)
public record Pointer(String dataset, String dt, String version, String writtenAt, List<VersionFile> files,
        String source, JsonNode summary, List<Retired> retired) {

    /** One data file of a version: its name in the version's folder, its rows (or lines) and its size in bytes. */
    public record VersionFile(String file, long rows, long bytes) {
    }

    /** A version that was current until {@code retiredAt}, an ISO-8601 instant. */
    public record Retired(String version, String retiredAt) {
        public Retired(String version, Instant retiredAt) {
            this(version, retiredAt.toString());
        }

        Instant retiredAtTime() {
            return Instant.parse(retiredAt);
        }
    }

    public Pointer {
        files = List.copyOf(files);
        retired = retired == null ? List.of() : List.copyOf(retired);
        summary = summary == null || summary.isNull() ? MissingNode.getInstance() : summary;
    }

    /** The rows (lines) of every file of the version; in the JSON for those who read it without this record. */
    @JsonProperty("rows")
    public long rows() {
        return files.stream().mapToLong(VersionFile::rows).sum();
    }

    /** The summary read as the writer's own record. */
    public <T> T summary(Class<T> type) {
        try {
            return LakeJson.JSON.treeToValue(summary, type);
        } catch (JsonProcessingException e) {
            throw TaskException.notRetryable("the summary in the pointer of " + dataset + " dt=" + dt
                    + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
