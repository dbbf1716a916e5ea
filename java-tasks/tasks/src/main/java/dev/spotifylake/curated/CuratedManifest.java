package dev.spotifylake.curated;

import java.time.Instant;
import java.util.List;

import dev.spotifylake.staging.AttemptStats.RawFile;
import dev.spotifylake.staging.AttemptStats.RejectFile;
import dev.spotifylake.staging.AttemptStats.StagedFile;

/**
 * {@code curated/<dataset>/dt=D/_manifest.json}, written last by load-s3: the pointer to the partition's current
 * version. A curated partition is complete when it exists, and its version folder then holds exactly the files it
 * lists.
 *
 * @param version the folder of the current version ({@code _v<attempt>/} in the partition's folder); empty for a
 *        partition published before versions, whose files lie in the partition's folder itself
 * @param files the Parquet files of the version (names in its folder), with their rows and sizes
 * @param rejectFiles the day's reject files (lake keys) and the rejects each holds
 * @param rawFiles the raw part files the rows were flattened from (lake keys)
 * @param retired the versions this one replaced whose files may still be read, newest first, with when they
 *        stopped being current: repair deletes them after the grace period
 *
 * <p>A re-run over the same raw files publishes the same content ({@link #sameContent}), and load-s3 then keeps
 * the manifest and version as they are, so re-processing a day leaves the partition byte for byte as it was.
 */
public record CuratedManifest(String dataset, String dt, int schemaVersion, String version, long rows, long recordsIn,
        long rejects, List<StagedFile> files, List<RejectFile> rejectFiles, List<RawFile> rawFiles,
        List<RetiredVersion> retired) {

    /** A version that was current until {@code retiredAt}, an ISO-8601 instant (the lake's JSON keeps time as text). */
    public record RetiredVersion(String version, String retiredAt) {
        public RetiredVersion(String version, Instant retiredAt) {
            this(version, retiredAt.toString());
        }

        public Instant retiredAtTime() {
            return Instant.parse(retiredAt);
        }
    }

    public CuratedManifest {
        // manifests written before versions have neither
        version = version == null ? "" : version;
        retired = retired == null ? List.of() : List.copyOf(retired);
        files = List.copyOf(files);
        rejectFiles = List.copyOf(rejectFiles);
        rawFiles = List.copyOf(rawFiles);
    }

    /** Whether both describe the same rows from the same raw files, whatever their version and history. */
    public boolean sameContent(CuratedManifest other) {
        return dataset.equals(other.dataset) && dt.equals(other.dt) && schemaVersion == other.schemaVersion
                && rows == other.rows && recordsIn == other.recordsIn && rejects == other.rejects
                && files.equals(other.files) && rejectFiles.equals(other.rejectFiles) && rawFiles.equals(other.rawFiles);
    }
}
