package dev.spotifylake.simulator.catalog;

import dev.spotifylake.simulator.catalog.SpotifyIds.Decoded;
import dev.spotifylake.simulator.catalog.SpotifyIds.Kind;
import java.util.UUID;

/**
 * ReccoBeats ids: version-4 UUIDs that carry the entity they name, as {@link SpotifyIds} do, so a look-up needs no
 * map. The 62 free bits of the low half hold a keyed bijection of (kind, index); the high half is a hash of them,
 * which a look-up checks so that any other UUID is unknown.
 */
public final class ReccoBeatsIds {
    private static final long PAYLOAD_MASK = (1L << 62) - 1;
    /** RFC 4122's variant: the low half starts with the bits 10. */
    private static final long VARIANT = Long.MIN_VALUE;
    private static final long VERSION_MASK = 0xF000L;
    private static final long VERSION_4 = 0x4000L;
    private static final int CANONICAL_LENGTH = 36;
    /** Odd, so multiplying by it is a bijection modulo 2^62; its inverse undoes it. */
    private static final long MULTIPLIER = 0x2545F4914F6CDD1DL;
    private static final long INVERSE = inverse(MULTIPLIER);
    private static final long KEY_SALT = 0x2EC;
    private static final long CHECK_SALT = 0x4EC;

    private final long seed;
    private final long key;

    ReccoBeatsIds(long seed) {
        this.seed = seed;
        this.key = Draw.hash(seed, KEY_SALT, 0) & PAYLOAD_MASK;
    }

    String encode(Kind kind, long index) {
        long payload = scramble(new Decoded(kind, index).value());
        return new UUID(checkOf(payload), VARIANT | payload).toString();
    }

    /** True for a UUID in its canonical form of 36 characters, the only id ReccoBeats takes in a path. */
    public static boolean isWellFormed(String text) {
        return parse(text) != null;
    }

    /** The entity a UUID of this catalog names, or null for any other text. */
    Decoded decode(String text) {
        UUID uuid = parse(text);
        if (uuid == null) {
            return null;
        }
        long low = uuid.getLeastSignificantBits();
        long payload = low & PAYLOAD_MASK;
        if ((low & ~PAYLOAD_MASK) != VARIANT || uuid.getMostSignificantBits() != checkOf(payload)) {
            return null;
        }
        return Decoded.of(unscramble(payload));
    }

    private static UUID parse(String text) {
        if (text == null || text.length() != CANONICAL_LENGTH) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private long checkOf(long payload) {
        return Draw.hash(seed, CHECK_SALT, payload) & ~VERSION_MASK | VERSION_4;
    }

    private long scramble(long value) {
        long mixed = ((value ^ key) * MULTIPLIER) & PAYLOAD_MASK;
        // a shift by half the width is its own inverse
        return mixed ^ (mixed >>> 31);
    }

    private long unscramble(long payload) {
        long mixed = payload ^ (payload >>> 31);
        return ((mixed * INVERSE) & PAYLOAD_MASK) ^ key;
    }

    /** The inverse of an odd number modulo 2^64 by Newton's iteration (each step doubles the correct bits). */
    private static long inverse(long odd) {
        long inverse = odd;
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }
}
