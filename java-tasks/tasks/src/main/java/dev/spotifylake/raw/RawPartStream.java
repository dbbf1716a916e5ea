package dev.spotifylake.raw;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.ObjectStore;

/**
 * Streams the lines of one raw part file, gzip NDJSON, straight from the lake: one JSON value per line, never the
 * whole file in memory. Turns what can go wrong into task failures: a file that is not gzip or not JSON, or is
 * cut short, is damaged in the lake (exit 2, fetch it again with --force); a connection lost mid-file may be fixed
 * by a retry (exit 1). The one reader of raw
 * part files: flatten streams their tokens, ingest and the tests read their lines as trees.
 */
public final class RawPartStream {
    private static final int BUFFER = 1 << 16;
    /** The parsers' codec: it builds a line's tree when a reader asks for one ({@code readValueAsTree}). */
    public static final ObjectMapper JSON =
            new ObjectMapper(JsonFactory.builder().recyclerPool(new WideReadBuffers()).build());

    /** Gets each line with the parser on its first token; answers whether to go on reading. */
    @FunctionalInterface
    public interface LineConsumer {
        boolean line(JsonParser json, long number) throws IOException;
    }

    private RawPartStream() {
    }

    /**
     * Jackson's buffers, but a parser reads {@value #BUFFER} bytes at a time instead of 8,000: each read inflates
     * that much gzip in one call, and a part file of 180 MB of JSON takes 8 times fewer calls into zlib. One set
     * per parser, that is per part file: not worth recycling.
     */
    private static final class WideReadBuffers extends RecyclerPool.NonRecyclingPoolBase<BufferRecycler> {
        private static final long serialVersionUID = 1L;

        @Override
        public BufferRecycler acquirePooled() {
            return new BufferRecycler() {
                @Override
                protected int byteBufferLength(int ix) {
                    return ix == BufferRecycler.BYTE_READ_IO_BUFFER ? BUFFER : super.byteBufferLength(ix);
                }
            };
        }
    }

    /** A part file that is broken in the lake: reading it again cannot help, fetching it again does. */
    private static TaskException brokenAtRest(String key, String what, IOException cause) {
        return TaskException.notRetryable(key + " " + what + ": the raw part is damaged in the lake; write its "
                + "partition again with --force (raw/artists: extract-artists, raw/top_tracks: fetch-tracks-raw-json, "
                + "raw/audio_features: fetch-audio-features-raw-json), then flatten-to-parquet that dt again", cause);
    }

    public static void forEachLine(ObjectStore store, String key, LineConsumer consumer) {
        InputStream stream = store.open(key).orElseThrow(() -> TaskException.retryable(key + " vanished while being read"));
        long number = 0;
        try (InputStream in = new GZIPInputStream(stream, BUFFER); JsonParser json = JSON.getFactory().createParser(in)) {
            while (json.nextToken() != null) {
                number++;
                if (!consumer.line(json, number)) {
                    return;
                }
            }
        } catch (JsonEOFException e) {
            throw brokenAtRest(key, "ends in the middle of line " + lineOf(e), e);
        } catch (JsonParseException e) {
            throw brokenAtRest(key, "line " + lineOf(e) + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (ZipException e) {
            throw brokenAtRest(key, "is not a valid gzip file (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            // the lake answered the whole object (a connection lost mid-file fails otherwise): the file itself is cut
            throw brokenAtRest(key, "is a truncated gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw TaskException.retryable("cannot read " + key + " (line " + number + "): " + e.getMessage(), e);
        }
    }

    /** The 1-based line of the file where the parser failed: a line that fails at its first token is not yet counted. */
    private static int lineOf(JsonParseException e) {
        return e.getLocation().getLineNr();
    }
}
