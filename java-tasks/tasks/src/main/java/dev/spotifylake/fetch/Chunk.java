package dev.spotifylake.fetch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A deterministic slice of a fetch's calls that becomes one part file. The same input always cuts into the same
 * chunks, so a re-run knows from the progress records which parts are already in the lake; the fingerprint
 * catches a record left by a run that cut differently (another part size, another market list).
 */
record Chunk(int number, List<FetchCall> calls) {
    Chunk {
        calls = List.copyOf(calls);
    }

    String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (FetchCall call : calls) {
                digest.update(call.relativePath().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Cuts calls into chunks of {@code size}, numbered from 0 in order. */
    static List<Chunk> cut(List<FetchCall> calls, int size) {
        return cut(calls, size, 0);
    }

    /** Cuts calls into chunks of {@code size}, numbered from {@code first} in order (a later stage's chunks). */
    static List<Chunk> cut(List<FetchCall> calls, int size, int first) {
        if (size < 1) {
            throw new IllegalArgumentException("a chunk needs at least one call");
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < calls.size(); from += size) {
            chunks.add(new Chunk(first + chunks.size(), calls.subList(from, Math.min(from + size, calls.size()))));
        }
        return chunks;
    }
}
