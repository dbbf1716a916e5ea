package dev.spotifylake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;

import dev.spotifylake.lake.ObjectStore;

/** Reads Parquet files of a lake back, for assertions on rows, types and layout. */
public final class ParquetFiles {
    private ParquetFiles() {
    }

    /** Every row of the file, as Avro generic records (timestamps as epoch milliseconds). */
    public static List<GenericRecord> rows(ObjectStore store, String key) {
        return withLocalCopy(store, key, file -> {
            List<GenericRecord> rows = new ArrayList<>();
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    /** The footer: the Parquet schema, row groups, codecs and key-value metadata. */
    public static ParquetMetadata footer(ObjectStore store, String key) {
        return withLocalCopy(store, key, file -> {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                return reader.getFooter();
            }
        });
    }

    private interface Read<T> {
        T from(Path file) throws IOException;
    }

    private static <T> T withLocalCopy(ObjectStore store, String key, Read<T> read) {
        try {
            Path file = Files.createTempFile("parquet-files-", ".parquet");
            try (InputStream in = store.open(key).orElseThrow(() -> new IllegalStateException("no " + key))) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return read.from(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
