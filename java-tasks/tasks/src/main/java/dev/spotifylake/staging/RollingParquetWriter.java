package dev.spotifylake.staging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.parquet.ParquetPartWriter;
import dev.spotifylake.schema.TableMapping;
import dev.spotifylake.staging.AttemptStats.StagedFile;

/**
 * Rows into consecutive Snappy Parquet files of a staging attempt, a new file every {@code rowsPerFile} rows of the
 * layout, each uploaded as soon as it is full under the name {@code names} gives its number. Flatten (one writer per
 * thread) and compute-artist-similarity cut their output this way. One thread writes; closing drops the file in
 * the making, so a failed run leaves no local file behind.
 */
public final class RollingParquetWriter implements AutoCloseable {
    private final ObjectStore store;
    private final StagingArea staging;
    private final String attempt;
    private final TableMapping mapping;
    private final ParquetLayout layout;
    private final IntFunction<String> names;
    private final List<StagedFile> files = new ArrayList<>();
    private ParquetPartWriter writer;

    public RollingParquetWriter(ObjectStore store, StagingArea staging, String attempt, TableMapping mapping,
            ParquetLayout layout, IntFunction<String> names) {
        this.store = requireNonNull(store, "store is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.attempt = requireNonNull(attempt, "attempt is null");
        this.mapping = requireNonNull(mapping, "mapping is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.names = requireNonNull(names, "names is null");
    }

    /** Writes one row; the values are in the schema's field order and already of its types. */
    public void write(Object[] values) throws IOException {
        if (writer == null) {
            writer = new ParquetPartWriter(mapping, layout);
        }
        writer.write(values);
        if (writer.rows() == layout.rowsPerFile()) {
            publish();
        }
    }

    /**
     * Uploads the last file and answers every file written, in order. With {@code atLeastOneFile}, a run without
     * rows still writes one empty file: an empty table is still a table.
     */
    public List<StagedFile> finish(boolean atLeastOneFile) {
        if (writer == null && atLeastOneFile && files.isEmpty()) {
            writer = new ParquetPartWriter(mapping, layout);
        }
        if (writer != null) {
            publish();
        }
        return List.copyOf(files);
    }

    private void publish() {
        String name = names.apply(files.size());
        long rows = writer.rows();
        long bytes = writer.publish(store, staging.key(attempt, name));
        files.add(new StagedFile(name, rows, bytes));
        writer = null;
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
