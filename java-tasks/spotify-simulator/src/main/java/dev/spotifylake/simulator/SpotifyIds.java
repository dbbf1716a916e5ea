package dev.spotifylake.simulator;

import java.util.SplittableRandom;

/**
 * Spotify ids of the catalog: 22 base-62 characters, 16 of them random and 6 (spread over the id) the entity's
 * index, offset by a key of the seed, so that an id leads back to its index without a lookup table.
 */
final class SpotifyIds {
    static final int LENGTH = 22;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Where the six index characters sit: the id should not look like a counter. */
    private static final int[] INDEX_POSITIONS = {2, 5, 9, 13, 17, 20};
    private static final long INDEX_SPACE = 56_800_235_584L; // 62^6

    private SpotifyIds() {
    }

    static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static String encode(long index, long key, SplittableRandom random) {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(62));
        }
        long value = Math.floorMod(index + key, INDEX_SPACE);
        for (int position : INDEX_POSITIONS) {
            id[position] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(id);
    }

    /** The index a well-formed id encodes; the caller checks that the whole id matches. */
    static long decode(String id, long key) {
        long value = 0;
        for (int i = INDEX_POSITIONS.length - 1; i >= 0; i--) {
            value = value * 62 + ALPHABET.indexOf(id.charAt(INDEX_POSITIONS[i]));
        }
        return Math.floorMod(value - key, INDEX_SPACE);
    }

    /** Random base-62 text, e.g. for access tokens. */
    static String random(SplittableRandom random, int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = ALPHABET.charAt(random.nextInt(62));
        }
        return new String(text);
    }
}
