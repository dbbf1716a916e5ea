package dev.spotifylake.curated;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.staging.StagingArea;

/**
 * A published curated partition, as the tasks downstream of load-s3 read it: through its manifest, the pointer to
 * the current version, so that they see exactly the files of one complete publication and never staging, a
 * publication in progress or an older version (see {@link CuratedVersions}). The one place that knows where a
 * published partition's manifest and files are.
 */
public final class CuratedPartition {
    private final ObjectStore store;
    private final String folder;
    private final CuratedManifest manifest;

    private CuratedPartition(ObjectStore store, String folder, CuratedManifest manifest) {
        this.store = store;
        this.folder = folder;
        this.manifest = manifest;
    }

    /** The published partition of the dataset and dt; empty when none is complete. */
    public static Optional<CuratedPartition> published(ObjectStore store, Dataset dataset, LocalDate dt) {
        requireNonNull(store, "store is null");
        CuratedVersions versions = new CuratedVersions(store, dataset, dt);
        String manifestKey = versions.manifestKey();
        return store.open(manifestKey).map(stream -> {
            try (InputStream in = stream) {
                CuratedManifest manifest = StagingArea.JSON.readValue(in, CuratedManifest.class);
                return new CuratedPartition(store, versions.versionFolder(manifest.version()), manifest);
            } catch (IOException e) {
                throw TaskException.notRetryable("cannot read " + manifestKey + ": " + e.getMessage(), e);
            }
        });
    }

    public CuratedManifest manifest() {
        return manifest;
    }

    /**
     * Where readers find the partition's current version, the location the catalog is pointed at, e.g.
     * {@code s3://bucket/prefix/curated/top_tracks/dt=2026-11-20/_v20261120T080001123Z-3fa9/}.
     */
    public String location() {
        return store.root().uriOf(folder);
    }

    /** The lake keys of the partition's Parquet files, in the manifest's order. */
    public List<String> fileKeys() {
        return manifest.files().stream().map(file -> folder + file.file()).toList();
    }

    /** Reads every row of every file, in order; columns are read by name, as the catalog reads them. */
    public void forEachRow(Consumer<GenericRecord> action) {
        for (String key : fileKeys()) {
            readFile(key, action);
        }
    }

    private void readFile(String key, Consumer<GenericRecord> action) {
        try {
            Path local = Files.createTempFile("spotify-lake-curated-", ".parquet");
            try {
                try (InputStream in = store.open(key).orElseThrow(() -> TaskException.retryable(key
                        + " is listed in the manifest but missing: its version was retired and deleted meanwhile; read the partition again"))) {
                    Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
                }
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(local))
                        .withConf(new PlainParquetConfiguration()).build()) {
                    for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                        action.accept(row);
                    }
                }
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }
}
