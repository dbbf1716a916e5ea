package dev.spotifylake.raw;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.LocalUpload;

/**
 * One raw part file in the making: gzip NDJSON written to a local temporary file, then uploaded whole, so a part
 * is in the lake complete or not at all (a killed task leaves at most a temp file behind, never half a part).
 * Lines are written by callers through a Jackson generator; memory stays flat however many lines a part holds.
 * Not thread-safe: callers that share one writer synchronize on it.
 */
public final class PartFileWriter extends LocalUpload {
    /** A mapper's factory, so that lines may hold lists and maps through writeObjectField. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the fields of one line's JSON object. */
    @FunctionalInterface
    public interface Line {
        void write(JsonGenerator json) throws IOException;
    }

    private final OutputStream gzip;
    private final JsonGenerator json;
    private long lines;

    public PartFileWriter() {
        super("spotify-lake-part-", ".json.gz");
        try {
            gzip = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file()), 1 << 16), 1 << 16);
            json = JSON.createGenerator(gzip);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary part file", e);
        }
    }

    /** Appends one line: the object the callback writes, then a newline. */
    public void write(Line line) {
        try {
            json.writeStartObject();
            line.write(json);
            json.writeEndObject();
            json.writeRaw('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file(), e);
        }
    }

    public long lines() {
        return lines;
    }

    @Override
    protected void finishWriting() throws IOException {
        json.close();
        gzip.close();
    }
}
