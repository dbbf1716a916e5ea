package dev.spotifylake.curated;

import java.util.List;

import dev.spotifylake.staging.AttemptStats.RawFile;
import dev.spotifylake.staging.AttemptStats.RejectFile;

/**
 * What load-s3 says of a curated version in the partition's pointer ({@link dev.spotifylake.lake.Pointer#summary()}):
 * the schema version its files were written with, the records they were flattened from and the day's rejects.
 *
 * @param recordsIn raw records read; {@code recordsIn == rows + rejects} for a flattened table
 * @param rejectFiles the day's reject files (lake keys) and the rejects each holds
 * @param rawFiles the raw part files the rows were flattened from (lake keys), or for a derived table the curated
 *        files it was computed from
 */
public record Publication(int schemaVersion, long recordsIn, long rejects, List<RejectFile> rejectFiles,
        List<RawFile> rawFiles) {

    public Publication {
        rejectFiles = List.copyOf(rejectFiles);
        rawFiles = List.copyOf(rawFiles);
    }
}
