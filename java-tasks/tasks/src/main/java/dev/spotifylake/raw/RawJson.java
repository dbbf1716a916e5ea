package dev.spotifylake.raw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;

/** How raw lines spell what they share: instants and verbatim response bodies. */
public final class RawJson {
    /** ISO-8601 UTC with milliseconds always present, {@code 2026-11-20T08:00:01.120Z}: sorts as text. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RawJson() {
    }

    public static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /**
     * Writes a response body as the value of the current field, byte for byte as Spotify sent it (it was checked
     * to be one JSON value), except that line breaks become spaces: JSON strings cannot hold a raw line break,
     * so the ones outside strings are whitespace, and NDJSON needs the value on one line.
     */
    public static void writeBody(JsonGenerator json, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = text.replace('\n', ' ').replace('\r', ' ');
        }
        json.writeRawValue(text);
    }
}
