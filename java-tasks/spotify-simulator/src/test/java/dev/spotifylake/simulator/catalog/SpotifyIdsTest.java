package dev.spotifylake.simulator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotifylake.simulator.catalog.SpotifyIds.Decoded;
import dev.spotifylake.simulator.catalog.SpotifyIds.Kind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpotifyIdsTest {
    private final SpotifyIds ids = new SpotifyIds(42);

    @Test
    void anIdIsTwentyTwoBase62CharactersAndDecodesToWhatItNames() {
        for (Kind kind : Kind.values()) {
            for (long index : new long[] {0, 1, 99_999, 999_999, (1L << 48) - 1}) {
                String id = ids.encode(kind, index);

                assertThat(id).hasSize(22).matches("[0-9A-Za-z]{22}");
                assertThat(SpotifyIds.isWellFormed(id)).isTrue();
                assertThat(ids.decode(id)).isEqualTo(new Decoded(kind, index));
            }
        }
    }

    @Test
    void idsNeverCollide() {
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < 200_000; index++) {
            seen.add(ids.encode(Kind.ARTIST, index));
            seen.add(ids.encode(Kind.TRACK, index));
        }

        assertThat(seen).hasSize(400_000);
    }

    @Test
    void anIdOfAnotherSeedOrAnAlteredIdNamesNothing() {
        String id = ids.encode(Kind.ARTIST, 12);
        char last = id.charAt(21);
        String altered = id.substring(0, 21) + (last == 'a' ? 'b' : 'a');

        assertThat(new SpotifyIds(43).decode(id)).isNull();
        assertThat(ids.decode(altered)).isNull();
        assertThat(ids.decode("zzzzzzzzzzzzzzzzzzzzzz")).isNull();
    }

    @Test
    void onlyTwentyTwoBase62CharactersAreWellFormed() {
        assertThat(SpotifyIds.isWellFormed("0TnOYISbd1XYRBk9myaseg")).isTrue();
        assertThat(SpotifyIds.isWellFormed("0TnOYISbd1XYRBk9myase")).isFalse();
        assertThat(SpotifyIds.isWellFormed("0TnOYISbd1XYRBk9myasegx")).isFalse();
        assertThat(SpotifyIds.isWellFormed("0TnOYISbd1XYRBk9myase-")).isFalse();
        assertThat(SpotifyIds.isWellFormed("spotify:artist:0TnOYIS")).isFalse();
        assertThat(SpotifyIds.isWellFormed(null)).isFalse();
    }
}
