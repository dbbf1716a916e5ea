package dev.spotifylake.parquet;

/**
 * How curated Parquet files are cut. A writer keeps one row group in the heap, so {@code rowGroupBytes} bounds
 * the memory of each file being written; {@code rowsPerFile} bounds the size of a file.
 */
public record ParquetLayout(long rowGroupBytes, int pageBytes, long rowsPerFile) {
    public static final ParquetLayout DEFAULT = new ParquetLayout(16L << 20, 1 << 20, 1_000_000);

    public ParquetLayout {
        if (rowGroupBytes < 1 << 20 || pageBytes < 1 << 10 || rowsPerFile < 1) {
            throw new IllegalArgumentException("row groups of at least 1 MiB, pages of 1 KiB, files of a row");
        }
    }

    /**
     * A lower bound of the heap that flattening with {@code threads} writers needs: each may hold a whole row
     * group, plus what every run holds whatever its size (parser buffers, the lake's client, schemas), 16 MiB.
     * Below it a run is bound to fail; above it, buffers growing and the collector's room need more still.
     */
    public long heapNeeded(int threads) {
        return threads * rowGroupBytes + (16L << 20);
    }
}
