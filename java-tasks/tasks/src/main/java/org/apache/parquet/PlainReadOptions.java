package org.apache.parquet;

import java.util.Map;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options made without Hadoop. ParquetReadOptions' builders call into Hadoop's mapreduce and configuration
 * classes (ParquetInputFormat.getFilter, HadoopCodecs.newFactory), which the task jar leaves out; upstream issue
 * apache/parquet-java#3780. Its constructor does not, but is package-private: hence this one class in parquet's
 * package. Delete it once a parquet-java release builds read options without Hadoop.
 */
public final class PlainReadOptions {
    /** The builder's own default for the largest buffer a read allocates. */
    private static final int MAX_ALLOCATION = 8 << 20;

    private PlainReadOptions() {
    }

    /** The builder's defaults (filters on, no checksum verification, no decryption), with the given codecs. */
    public static ParquetReadOptions of(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), MAX_ALLOCATION, Map.of(),
                null, null, new PlainParquetConfiguration());
    }
}
