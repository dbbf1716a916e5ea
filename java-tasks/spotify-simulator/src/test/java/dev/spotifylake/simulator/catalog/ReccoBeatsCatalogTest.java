package dev.spotifylake.simulator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReccoBeatsCatalogTest {
    private final Catalog catalog = new Catalog(42, 2_000);
    private final ReccoBeatsCatalog reccoBeats = new ReccoBeatsCatalog(catalog);

    @Test
    void theSameSeedGivesTheSameBytesEveryTime() {
        ReccoBeatsCatalog again = new ReccoBeatsCatalog(new Catalog(42, 2_000));

        for (int index = 0; index < 50; index++) {
            Artist artist = catalog.artist(index);
            assertThat(ReccoBeatsJson.page(again.tracks(artist, 0, 50)))
                    .isEqualTo(ReccoBeatsJson.page(reccoBeats.tracks(artist, 0, 50)));
            List<String> ids = spotifyIds(allTracks(artist));
            assertThat(ReccoBeatsJson.audioFeatures(features(again, ids)))
                    .isEqualTo(ReccoBeatsJson.audioFeatures(features(reccoBeats, ids)));
        }
    }

    @Test
    void anArtistIsFoundByItsSpotifyIdAndByItsUuidAndNoOtherIdIsFound() {
        for (int index = 0; index < catalog.artistCount(); index++) {
            Artist artist = catalog.artist(index);
            ReccoBeatsArtist found = reccoBeats.findArtist(artist.id()).orElseThrow();

            assertThat(UUID.fromString(found.id()).version()).isEqualTo(4);
            assertThat(found.spotifyId()).isEqualTo(artist.id());
            assertThat(found.name()).isEqualTo(artist.name());
            assertThat(reccoBeats.findArtist(found.id())).hasValue(found);
            assertThat(reccoBeats.artistOfReccoBeatsId(found.id())).hasValue(artist);
        }

        String known = reccoBeats.artist(catalog.artist(1)).id();
        assertThat(reccoBeats.findArtist(catalog.unknownArtist(0).id())).isEmpty();
        assertThat(reccoBeats.findArtist(UUID.randomUUID().toString())).isEmpty();
        assertThat(reccoBeats.findArtist(known.replace('-', '0'))).isEmpty();
        assertThat(reccoBeats.artistOfReccoBeatsId(catalog.artistId(1))).isEmpty();
        // the 2,500th artist of a larger catalog is not in this one, by either id
        Catalog larger = new Catalog(42, 3_000);
        assertThat(reccoBeats.findArtist(new ReccoBeatsCatalog(larger).artist(larger.artist(2_500)).id())).isEmpty();
        assertThat(reccoBeats.findArtist(larger.artistId(2_500))).isEmpty();
    }

    @Test
    void everyArtistHasTensToAFewHundredTracksSomeOverSeveralPages() {
        int overThreePages = 0;
        int underFifty = 0;
        for (int index = 0; index < 300; index++) {
            int count = reccoBeats.trackCount(catalog.artist(index));
            assertThat(count).isBetween(20, 600);
            overThreePages += count > 150 ? 1 : 0;
            underFifty += count < 50 ? 1 : 0;
        }

        assertThat(overThreePages).isBetween(30, 200);
        assertThat(underFifty).isBetween(30, 200);
    }

    @Test
    void thePagesOfAnArtistListEachOfItsTracksOnceInTheOrderOfTheirSpotifyIds() {
        Artist artist = largestOf(40);
        List<ReccoBeatsTrack> tracks = new ArrayList<>();
        ReccoBeatsPage page;
        int number = 0;
        do {
            page = reccoBeats.tracks(artist, number++, 50);
            tracks.addAll(page.content());
        } while (!page.content().isEmpty());

        List<String> ids = spotifyIds(tracks);
        assertThat(page.totalPages()).isGreaterThan(2).isEqualTo(number - 1);
        assertThat(tracks).hasSize(reccoBeats.trackCount(artist)).hasSize(page.totalElements());
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        // its ten Spotify tracks are among them, with Spotify's popularity
        for (TrackInMarket top : catalog.topTracks(artist, "US")) {
            ReccoBeatsTrack same = reccoBeats.findTrack(top.track().id()).orElseThrow();
            assertThat(ids).contains(top.track().id());
            assertThat(same.popularity()).isEqualTo(top.track().popularity());
            assertThat(same.isrc()).isEqualTo(top.track().isrc());
        }
        assertThat(tracks).allSatisfy(track -> assertThat(track.artists().get(0).spotifyId()).isNotNull());
    }

    @Test
    void aPageOfAnotherSizeCutsTheSameListing() {
        Artist artist = largestOf(20);

        List<ReccoBeatsTrack> firstFifty = reccoBeats.tracks(artist, 0, 50).content();
        List<ReccoBeatsTrack> secondOfTwentyFive = reccoBeats.tracks(artist, 1, 25).content();

        assertThat(secondOfTwentyFive).isEqualTo(firstFifty.subList(25, 50));
        assertThat(reccoBeats.tracks(artist, 1_000, 50).content()).isEmpty();
    }

    @Test
    void notEveryTrackIsInEveryMarketAndMostHaveFeatures() {
        List<ReccoBeatsTrack> tracks = new ArrayList<>();
        for (int index = 0; index < 30; index++) {
            tracks.addAll(allTracks(catalog.artist(index)));
        }

        long inUs = tracks.stream().filter(track -> markets(track).contains("US")).count();
        long everywhere = tracks.stream()
                .filter(track -> markets(track).size() == ReccoBeatsCatalog.MARKETS.size()).count();
        long withFeatures = tracks.stream().filter(track -> reccoBeats.audioFeatures(track.spotifyId()).isPresent())
                .count();
        long withoutIsrc = tracks.stream().map(track -> reccoBeats.audioFeatures(track.id()))
                .filter(features -> features.isPresent() && features.get().isrc() == null).count();

        assertThat(tracks.size()).isGreaterThan(1_000);
        assertThat((double) inUs / tracks.size()).isBetween(0.75, 0.97);
        assertThat(everywhere).isPositive().isLessThan(tracks.size() / 2);
        assertThat((double) withFeatures / tracks.size()).isBetween(0.88, 0.98);
        assertThat(withoutIsrc).isPositive();
        assertThat(tracks).allSatisfy(track -> assertThat(track.popularity()).isBetween(0, 100));
    }

    @Test
    void featuresAreFoundByEitherIdAndNameTheTrack() {
        List<ReccoBeatsTrack> tracks = allTracks(catalog.artist(3));
        for (ReccoBeatsTrack track : tracks) {
            reccoBeats.audioFeatures(track.spotifyId()).ifPresent(features -> {
                assertThat(features.id()).isEqualTo(track.id());
                assertThat(features.measures().trackId()).isEqualTo(track.spotifyId());
                assertThat(reccoBeats.audioFeatures(track.id())).hasValue(features);
            });
            assertThat(reccoBeats.findTrack(track.id())).hasValue(track);
        }

        assertThat(reccoBeats.findTrack(catalog.unknownArtist(0).id())).isEmpty();
        assertThat(reccoBeats.audioFeatures(UUID.randomUUID().toString())).isEmpty();
    }

    private Artist largestOf(int artists) {
        Artist largest = catalog.artist(0);
        for (int index = 1; index < artists; index++) {
            if (reccoBeats.trackCount(catalog.artist(index)) > reccoBeats.trackCount(largest)) {
                largest = catalog.artist(index);
            }
        }
        return largest;
    }

    private List<ReccoBeatsTrack> allTracks(Artist artist) {
        return reccoBeats.tracks(artist, 0, 600).content();
    }

    private static List<String> spotifyIds(List<ReccoBeatsTrack> tracks) {
        return tracks.stream().map(ReccoBeatsTrack::spotifyId).toList();
    }

    private static List<ReccoBeatsFeatures> features(ReccoBeatsCatalog from, List<String> ids) {
        return ids.stream().flatMap(id -> from.audioFeatures(id).stream()).toList();
    }

    private static Set<String> markets(ReccoBeatsTrack track) {
        return new HashSet<>(Arrays.asList(track.availableCountries().split(",")));
    }
}
