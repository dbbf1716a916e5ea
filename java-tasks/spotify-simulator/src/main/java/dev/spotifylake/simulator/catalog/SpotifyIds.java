package dev.spotifylake.simulator.catalog;

/**
 * Spotify ids: 22 characters of base 62. The catalog's ids carry the entity they name, so a look-up needs no map:
 * the last 11 characters encode a keyed permutation of (kind, index), the first 11 a hash of it, which a look-up
 * checks so that a random well-formed id is unknown rather than some entity by accident.
 */
public final class SpotifyIds {
    public static final int LENGTH = 22;
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final int HALF = LENGTH / 2;
    private static final int BASE = ALPHABET.length();
    private static final long INDEX_BITS = 48;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    private static final int ROUNDS = 4;
    /** The weight of the first of 11 digits: 11 base-62 digits hold any 64-bit value. */
    private static final long TOP_WEIGHT = pow(BASE, HALF - 1);

    /** What an id names. Codes are part of the ids: never renumber them. */
    enum Kind {
        ARTIST(1), TRACK(2), ALBUM(3), UNKNOWN_ARTIST(4), RELINKED_TRACK(5),
        /** A track that only ReccoBeats' listing of an artist names: its catalog beyond the ten top tracks. */
        CATALOG_TRACK(6);

        final long code;

        Kind(long code) {
            this.code = code;
        }
    }

    /** A decoded id. */
    record Decoded(Kind kind, long index) {
        /** The entity of a (kind code, index) value, or null when no kind has that code. */
        static Decoded of(long value) {
            for (Kind kind : Kind.values()) {
                if (kind.code == value >>> INDEX_BITS) {
                    return new Decoded(kind, value & INDEX_MASK);
                }
            }
            return null;
        }

        /** The (kind code, index) value that ids encode. */
        long value() {
            return (kind.code << INDEX_BITS) | index;
        }
    }

    private final long seed;

    SpotifyIds(long seed) {
        this.seed = seed;
    }

    /** True for 22 base-62 characters, the only form Spotify accepts. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (digit(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    String encode(Kind kind, long index) {
        if (index < 0 || index > INDEX_MASK) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        long permuted = permute(new Decoded(kind, index).value());
        char[] id = new char[LENGTH];
        checkOf(permuted).getChars(0, HALF, id, 0);
        long rest = permuted;
        for (int i = LENGTH - 1; i >= HALF; i--) {
            id[i] = ALPHABET.charAt((int) Long.remainderUnsigned(rest, BASE));
            rest = Long.divideUnsigned(rest, BASE);
        }
        return new String(id);
    }

    /** The entity an id of this catalog names, or null when the id is not one this seed made. */
    Decoded decode(String id) {
        if (!isWellFormed(id)) {
            return null;
        }
        int top = digit(id.charAt(HALF));
        if (top > Long.divideUnsigned(-1L, TOP_WEIGHT)) {
            return null;
        }
        long low = 0;
        for (int i = HALF + 1; i < LENGTH; i++) {
            low = low * BASE + digit(id.charAt(i));
        }
        long high = top * TOP_WEIGHT;
        long permuted = high + low;
        if (Long.compareUnsigned(permuted, high) < 0) {
            return null;
        }
        if (!checkOf(permuted).equals(id.substring(0, HALF))) {
            return null;
        }
        return Decoded.of(unpermute(permuted));
    }

    private String checkOf(long permuted) {
        char[] check = new char[HALF];
        long hash = Draw.hash(seed, 0x1D5, permuted);
        for (int i = 0; i < HALF; i++) {
            check[i] = ALPHABET.charAt((int) Long.remainderUnsigned(Draw.mix(hash + i), BASE));
        }
        return new String(check);
    }

    /** A Feistel network over the two 32-bit halves, keyed by the seed: a bijection, so ids never collide. */
    private long permute(long value) {
        long left = value >>> 32;
        long right = value & 0xFFFFFFFFL;
        for (int round = 0; round < ROUNDS; round++) {
            long next = left ^ roundKey(round, right);
            left = right;
            right = next;
        }
        return (left << 32) | right;
    }

    private long unpermute(long value) {
        long left = value >>> 32;
        long right = value & 0xFFFFFFFFL;
        for (int round = ROUNDS - 1; round >= 0; round--) {
            long previous = right ^ roundKey(round, left);
            right = left;
            left = previous;
        }
        return (left << 32) | right;
    }

    private long roundKey(int round, long half) {
        return Draw.hash(seed, 0xFE1 + round, half) & 0xFFFFFFFFL;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}
