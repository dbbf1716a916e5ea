package dev.spotifylake.schema;

import java.io.IOException;

import org.apache.avro.util.Utf8;

import com.fasterxml.jackson.core.JsonParser;

/**
 * A JSON string as Avro {@link Utf8}, the bytes Parquet stores, encoded straight from the parser's characters
 * into a reused array. The way through {@link String} built a String, encoded it again and wrapped the bytes:
 * most of the garbage of a flatten. Encodes as {@link String#getBytes} with UTF-8 does, a lone surrogate
 * (a JSON escape can spell one) included: it becomes {@code ?}.
 */
final class Utf8Text {
    /** The most UTF-8 bytes one UTF-16 character takes (a surrogate pair takes 4 for its 2). */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private Utf8Text() {
    }

    /** Fills {@code into} with the text of the parser's current token, a string, and answers it. */
    static Utf8 read(JsonParser json, Utf8 into) throws IOException {
        char[] chars = json.getTextCharacters();
        int start = json.getTextOffset();
        int end = start + json.getTextLength();
        into.setByteLength((end - start) * MAX_BYTES_PER_CHAR);
        byte[] bytes = into.getBytes();
        int length = 0;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int codePoint = Character.toCodePoint(c, chars[++i]);
                bytes[length++] = (byte) (0xF0 | codePoint >> 18);
                bytes[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                bytes[length++] = '?';
            }
        }
        return into.setByteLength(length);
    }
}
