package dev.spotifylake.curated;

import java.util.List;

import dev.spotifylake.staging.AttemptStats.RawFile;
import dev.spotifylake.staging.AttemptStats.RejectFile;
import dev.spotifylake.staging.AttemptStats.StagedFile;

/**
 * {@code curated/<dataset>/dt=D/_manifest.json}, written last by load-s3: a curated partition is complete when
 * it exists, and then holds exactly the files it lists.
 *
 * @param files the Parquet files of the partition (names in its folder), with their rows and sizes
 * @param rejectFiles the day's reject files (lake keys) and the rejects each holds
 * @param rawFiles the raw part files the rows were flattened from (lake keys)
 *
 * <p>It holds nothing that changes between two runs over the same raw files (no attempt name, no time), so
 * re-processing a day leaves the partition byte for byte as it was.
 */
public record CuratedManifest(String dataset, String dt, int schemaVersion, long rows, long recordsIn, long rejects,
        List<StagedFile> files, List<RejectFile> rejectFiles, List<RawFile> rawFiles) {

    public CuratedManifest {
        files = List.copyOf(files);
        rejectFiles = List.copyOf(rejectFiles);
        rawFiles = List.copyOf(rawFiles);
    }
}
