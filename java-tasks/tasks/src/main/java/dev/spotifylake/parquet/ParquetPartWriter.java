package dev.spotifylake.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

import dev.spotifylake.lake.LocalUpload;
import dev.spotifylake.parquet.SnappyCodecFactory;
import dev.spotifylake.schema.TableMapping;

/**
 * One Snappy Parquet file in the making, written by parquet-avro to a local temporary file and uploaded whole.
 * The writer holds one row group in memory: its size in bytes caps the memory a file costs, however many rows
 * it gets. Only the mapping's repetitive columns are dictionary encoded. Min/max statistics are kept (Athena and
 * Trino skip row groups with them), except for the mapping's unordered unique columns, where they skip nothing.
 * Parquet's size statistics (unencoded sizes, level histograms) are not: no engine we serve reads them, and they
 * cost the writer a measurable share of its time. Written without Hadoop: a plain configuration, the generic data
 * model and our Snappy codec.
 */
public final class ParquetPartWriter extends LocalUpload {
    private final ParquetWriter<GenericRecord> writer;
    private final GenericData.Record record;
    private long rows;

    public ParquetPartWriter(TableMapping mapping, ParquetLayout layout) {
        super("spotify-lake-", ".snappy.parquet");
        Schema schema = mapping.schema();
        try {
            var builder = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file()))
                    .withSchema(schema)
                    .withDataModel(GenericData.get())
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new SnappyCodecFactory())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withRowGroupSize(layout.rowGroupBytes())
                    .withPageSize(layout.pageBytes())
                    .withDictionaryPageSize(layout.pageBytes())
                    .withDictionaryEncoding(false)
                    .withSizeStatisticsEnabled(false)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
            mapping.dictionaryColumns().forEach(column -> builder.withDictionaryEncoding(column, true));
            mapping.unorderedUniqueColumns().forEach(column -> builder.withStatisticsEnabled(column, false));
            writer = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Parquet file", e);
        }
        record = new GenericData.Record(schema);
    }

    /** Writes one row; the values are in the schema's field order and already of its types. */
    public void write(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            record.put(i, values[i]);
        }
        writer.write(record);
        rows++;
    }

    public long rows() {
        return rows;
    }

    @Override
    protected void finishWriting() throws IOException {
        writer.close();
    }
}
