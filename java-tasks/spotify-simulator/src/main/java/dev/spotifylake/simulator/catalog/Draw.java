package dev.spotifylake.simulator.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * The deterministic randomness of one catalog entity: a SplitMix64 stream started from a hash of the seed, the
 * entity's kind and its index, so any artist or track is computed on its own, in any order, without the others.
 */
final class Draw {
    /**
     * What a draw is for. Each purpose has a stream of its own, salted with its position from 1, so that no two
     * share one; the catalog's content depends on the positions, so a new purpose goes at the end.
     */
    enum Purpose {
        ARTIST, UNKNOWN_ARTIST, COLLABORATION, ALBUM, TRACK, FEATURES, MARKET,
        RECCOBEATS_CATALOG_SIZE, RECCOBEATS_TRACK, RECCOBEATS_FEATURES
    }

    private long state;

    private Draw(long state) {
        this.state = state;
    }

    static Draw of(long seed, Purpose purpose, long index) {
        return new Draw(hash(seed, purpose.ordinal() + 1, index));
    }

    static long hash(long seed, long salt, long index) {
        return mix(mix(seed ^ mix(salt * 0x9E3779B97F4A7C15L)) + index);
    }

    /** SplitMix64's finaliser: a bijection of 64-bit values that spreads every input bit over the output. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** Uniform in [from, to]. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(List<T> values) {
        return values.get(nextInt(values.size()));
    }

    /** A decimal in thousandths, uniform in [from, to]: Spotify gives most features to three decimals. */
    BigDecimal thousandths(int fromThousandths, int toThousandths) {
        return BigDecimal.valueOf(between(fromThousandths, toThousandths), 3);
    }

    /** Lowercase hexadecimal of the given length, as in Spotify's image and preview URLs. */
    String hex(int length) {
        StringBuilder text = new StringBuilder(length);
        long bits = 0;
        for (int i = 0; i < length; i++) {
            if (i % 16 == 0) {
                bits = nextLong();
            }
            text.append(Character.forDigit((int) (bits & 0xF), 16));
            bits >>>= 4;
        }
        return text.toString();
    }
}
