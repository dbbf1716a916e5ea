package dev.spotifylake.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Snappy for Parquet pages without Hadoop, for the files flatten writes and the curated files tasks read:
 * parquet-java's own codec factory loads Hadoop's compression classes, which the task jar does not carry.
 * Parquet's SNAPPY is the raw Snappy block format of snappy-java.
 */
public final class SnappyCodecFactory implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        requireSnappy(codec);
        return new PageCompressor();
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        requireSnappy(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
                return BytesInput.from(Snappy.uncompress(bytes.toInputStream().readAllBytes()));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                    throws IOException {
                byte[] compressed = new byte[compressedSize];
                input.get(compressed);
                output.put(Snappy.uncompress(compressed));
            }

            @Override
            public void release() {
                // holds no buffers
            }
        };
    }

    @Override
    public void release() {
        // holds no buffers
    }

    /**
     * Compresses page after page through two buffers it keeps, grown to the largest page: a writer compresses
     * thousands of pages, and fresh arrays for each were a good part of its garbage. Parquet copies what it keeps
     * of a compressed page before it asks for the next one, as its own codecs reuse their buffers too.
     */
    private static final class PageCompressor implements BytesInputCompressor {
        private final Page page = new Page();
        private byte[] compressed = new byte[0];

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            page.reset();
            bytes.writeAllTo(page);
            int bound = Snappy.maxCompressedLength(page.size());
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            int length = Snappy.rawCompress(page.bytes(), 0, page.size(), compressed, 0);
            return BytesInput.from(compressed, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {
            // its buffers go with it
        }
    }

    /** A page's bytes gathered in one array, for Snappy; the array is kept for the next page. */
    private static final class Page extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }

    private static void requireSnappy(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("only Snappy is available, not " + codec);
        }
    }
}
