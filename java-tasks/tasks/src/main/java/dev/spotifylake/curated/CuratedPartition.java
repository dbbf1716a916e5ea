package dev.spotifylake.curated;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TempFolder;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.VersionedPartition;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.parquet.SnappyCodecFactory;

/**
 * A published curated partition, as the tasks downstream of load-s3 read it: through its pointer
 * ({@link VersionedPartition}), checked against the version's folder before anything is read, so that they see
 * exactly the files of one complete publication and never staging, a publication in progress or an older version.
 * The one place that knows where a published partition's pointer and files are.
 *
 * @param pointer the version, its files and rows, the versions it replaced
 * @param publication the pointer's summary: the schema version, records in, rejects and sources of the version
 */
public record CuratedPartition(VersionedPartition versions, Pointer pointer, Publication publication) {
    /** The key of a partition's manifest, directly in its dt folder (not one of a version's files). */
    private static final Pattern MANIFEST_DT = Pattern.compile("/dt=(\\d{4}-\\d{2}-\\d{2})/" + Pattern.quote(LakePaths.MANIFEST_FILE) + "$");

    /** The versions of a curated partition, with what rewrites it when its pointer is broken. */
    public static VersionedPartition versions(ObjectStore store, Dataset dataset, LocalDate dt) {
        String publish = "load-s3 --dataset " + dataset + " --dt " + dt + ", then repair-athena-partitions --dt " + dt;
        String stage = dataset.derived() ? "compute-" + dataset.folder().replace('_', '-') + " --dt " + dt
                : "flatten-to-parquet --dataset " + dataset + " --dt " + dt;
        return new VersionedPartition(store, Zone.CURATED, dataset, dt, "run " + stage + ", then " + publish);
    }

    /** The published partition of the dataset and dt; empty when none is complete; exit 2 when its pointer is broken. */
    public static Optional<CuratedPartition> published(ObjectStore store, Dataset dataset, LocalDate dt) {
        requireNonNull(store, "store is null");
        VersionedPartition versions = versions(store, dataset, dt);
        return versions.current().map(pointer -> new CuratedPartition(versions, pointer, pointer.summary(Publication.class)));
    }

    /** The dts that have a published partition of the dataset, oldest first: one listing of its curated folder. */
    public static List<LocalDate> publishedDays(ObjectStore store, Dataset dataset) {
        Set<LocalDate> days = new TreeSet<>();
        for (StoredObject object : store.list(Zone.CURATED.folder() + "/" + dataset.folder() + "/")) {
            Matcher manifest = MANIFEST_DT.matcher(object.key());
            if (manifest.find()) {
                days.add(LocalDate.parse(manifest.group(1)));
            }
        }
        return List.copyOf(days);
    }

    /**
     * Where readers find the partition's current version, the location the catalog is pointed at, e.g.
     * {@code s3://bucket/prefix/curated/top_tracks/dt=2026-11-20/_v-20261120T080001123Z-3fa9/}.
     */
    public String location() {
        return versions.store().root().uriOf(versions.versionFolder(pointer.version()));
    }

    /** The lake keys of the partition's Parquet files, in the pointer's order. */
    public List<String> fileKeys() {
        return pointer.files().stream().map(file -> versions.versionFolder(pointer.version()) + file.file()).toList();
    }

    /**
     * Reads every row of every file, in order; columns are read by name, as the catalog reads them. Strings come
     * as Avro text, timestamps as epoch milliseconds.
     */
    public void forEachRow(Consumer<GenericRecord> action) {
        List<String> keys = fileKeys();
        for (int i = 0; i < keys.size(); i++) {
            long rows = readFile(keys.get(i), pointer.files().get(i).rows(), action);
            if (rows != pointer.files().get(i).rows()) {
                throw TaskException.notRetryable(keys.get(i) + " holds " + rows + " rows where the partition's pointer "
                        + "says " + pointer.files().get(i).rows() + ": the version is damaged. Write the partition again: "
                        + versions.repair());
            }
        }
    }

    /** Reads the rows of one file, unless it holds another number of rows; answers how many it holds. */
    private long readFile(String key, long expectedRows, Consumer<GenericRecord> action) {
        try {
            Path local = TempFolder.newFile("spotify-lake-curated-", ".parquet");
            try {
                try (InputStream in = versions.store().open(key).orElseThrow(() -> TaskException.retryable(key
                        + " is listed in the manifest but missing: its version was retired and deleted meanwhile; read the partition again"))) {
                    Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
                }
                return readRows(local, expectedRows, action);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    /**
     * Reads the rows of a file when its footer counts the rows expected; answers the footer's count either way.
     * parquet-java's own reader builder (ParquetReader) needs Hadoop, which the task jar does not carry: the file
     * is read row group by row group with the plain configuration, our Snappy codec and Avro's generic model.
     */
    private static long readRows(Path file, long expectedRows, Consumer<GenericRecord> action) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        ParquetReadOptions options = ParquetReadOptions.builder(conf).withCodecFactory(new SnappyCodecFactory()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            if (reader.getRecordCount() != expectedRows) {
                return reader.getRecordCount();
            }
            FileMetaData footer = reader.getFooter().getFileMetaData();
            AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
            Map<String, Set<String>> metadata = new HashMap<>();
            footer.getKeyValueMetaData().forEach((key, value) -> metadata.put(key, Set.of(value)));
            ReadSupport.ReadContext context = support.init(new InitContext(conf, metadata, footer.getSchema()));
            RecordMaterializer<GenericRecord> materializer =
                    support.prepareForRead(conf, footer.getKeyValueMetaData(), footer.getSchema(), context);
            MessageColumnIO columns = new ColumnIOFactory().getColumnIO(context.getRequestedSchema(), footer.getSchema());
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
                RecordReader<GenericRecord> rows = columns.getRecordReader(rowGroup, materializer);
                for (long row = 0; row < rowGroup.getRowCount(); row++) {
                    action.accept(rows.read());
                }
            }
            return reader.getRecordCount();
        }
    }
}
