package dev.spotifylake.staging;

import java.util.List;

/**
 * What a flatten attempt staged, written last into its folder as {@code _stats.json}: the attempt is complete once
 * it exists. Load publishes from it and copies its counts into the curated manifest.
 *
 * @param recordsIn raw records read: rows of every line (null entries included), or the lines themselves; for a
 *     derived table (artist_similarity) the subjects it was computed for, the artists of the day
 * @param rows curated rows written; {@code recordsIn == rows + rejects} for a flattened table, while a derived
 *     table's rows are pairs of artists and its rejects the artists skipped
 * @param rejectedLines answers without their array of rows, each counted as one record and one reject (ingest
 *     counts their rows, of which there are none)
 * @param files the staged Parquet files, in order
 * @param rejectFiles the staged reject files (gzip NDJSON, one reject a line)
 * @param rawFiles the raw part files read, with the records each held (for a derived table, the curated files)
 */
public record AttemptStats(String dataset, String dt, String attempt, int schemaVersion, long recordsIn, long rows,
        long rejects, long rejectedLines, List<StagedFile> files, List<RejectFile> rejectFiles, List<RawFile> rawFiles) {

    public AttemptStats {
        files = List.copyOf(files);
        rejectFiles = List.copyOf(rejectFiles);
        rawFiles = List.copyOf(rawFiles);
    }

    /** A staged file: its name in the attempt's folder, the rows (or rejects) it holds, and its size. */
    public record StagedFile(String file, long rows, long bytes) {
    }

    /** A staged reject file and how many rejects it holds. */
    public record RejectFile(String file, long rejects) {
    }

    /** A raw part file that was read: its lake key, size and the raw records it held. */
    public record RawFile(String file, long bytes, long records) {
    }
}
