package dev.spotifylake.simulator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = new Catalog(42, 2_000);

    @Test
    void theSameSeedGivesTheSameBytesEveryTime() {
        Catalog again = new Catalog(42, 2_000);

        for (int index = 0; index < 300; index++) {
            Artist artist = catalog.artist(index);
            assertThat(SpotifyJson.artist(again.artist(index))).isEqualTo(SpotifyJson.artist(artist));
            List<TrackInMarket> tracks = catalog.topTracks(artist, "US");
            assertThat(SpotifyJson.topTracks(again.topTracks(again.artist(index), "US")))
                    .isEqualTo(SpotifyJson.topTracks(tracks));
            List<AudioFeatures> features = tracks.stream()
                    .map(track -> catalog.audioFeatures(track.track().id()).orElse(null)).toList();
            List<AudioFeatures> featuresAgain = tracks.stream()
                    .map(track -> again.audioFeatures(track.track().id()).orElse(null)).toList();
            assertThat(SpotifyJson.audioFeatures(featuresAgain)).isEqualTo(SpotifyJson.audioFeatures(features));
        }
    }

    @Test
    void anotherSeedGivesAnotherCatalog() {
        Catalog other = new Catalog(7, 2_000);

        assertThat(other.artistId(0)).isNotEqualTo(catalog.artistId(0));
        assertThat(other.findArtist(catalog.artistId(0))).isEmpty();
    }

    @Test
    void anArtistIsTheSameWhateverTheCatalogsSize() {
        Catalog large = new Catalog(42, 100_000);

        for (int index = 0; index < 200; index++) {
            assertThat(large.artist(index)).isEqualTo(catalog.artist(index));
        }
    }

    @Test
    void everyArtistIsFoundByItsIdAndNoOtherIdIsFound() {
        for (int index = 0; index < catalog.artistCount(); index++) {
            assertThat(catalog.findArtist(catalog.artistId(index)).map(Artist::index)).hasValue(index);
        }

        assertThat(catalog.findArtist(catalog.unknownArtist(0).id())).isEmpty();
        assertThat(catalog.findArtist(new Catalog(42, 3_000).artistId(2_500))).isEmpty();
        assertThat(catalog.findArtist(catalog.artistId(1).substring(1))).isEmpty();
    }

    @Test
    void anArtistHasTenTopTracksMostPopularFirstFoundByTheirIds() {
        List<TrackInMarket> tracks = catalog.topTracks(catalog.artist(3), "US");

        assertThat(tracks).hasSize(Catalog.TOP_TRACKS);
        List<Integer> popularity = tracks.stream().map(track -> track.track().popularity()).toList();
        assertThat(popularity).isSortedAccordingTo((a, b) -> b - a);
        for (TrackInMarket track : tracks) {
            assertThat(track.track().artists().stream().map(ArtistRef::id)).contains(catalog.artistId(3));
            assertThat(catalog.findTrack(track.track().id())).hasValue(track.track());
        }
    }

    @Test
    void featuredTracksAreSharedBetweenTheTopTracksOfBothArtists() {
        Map<String, List<String>> artistsByTrack = new HashMap<>();
        for (int index = 0; index < 1_000; index++) {
            Artist artist = catalog.artist(index);
            for (TrackInMarket track : catalog.topTracks(artist, "US")) {
                artistsByTrack.computeIfAbsent(track.track().id(), id -> new ArrayList<>()).add(artist.id());
            }
        }

        List<String> shared = artistsByTrack.keySet().stream().filter(id -> artistsByTrack.get(id).size() > 1)
                .toList();
        assertThat(shared.size()).as("tracks in two artists' top tracks").isGreaterThan(100);
        Track feature = catalog.findTrack(shared.get(0)).orElseThrow();
        assertThat(feature.artists().stream().map(ArtistRef::id).toList())
                .containsExactlyInAnyOrderElementsOf(artistsByTrack.get(shared.get(0)));
        assertThat(feature.name()).contains("(feat. ");
    }

    @Test
    void theDriftOfRealAnswersIsThere() {
        StringBuilder artists = new StringBuilder();
        StringBuilder topTracks = new StringBuilder();
        StringBuilder features = new StringBuilder();
        int withoutFeatures = 0;
        for (int index = 0; index < 1_000; index++) {
            Artist artist = catalog.artist(index);
            artists.append(text(SpotifyJson.artist(artist)));
            List<TrackInMarket> tracks = catalog.topTracks(artist, "GB");
            topTracks.append(text(SpotifyJson.topTracks(tracks)));
            for (TrackInMarket track : tracks) {
                Optional<AudioFeatures> found = catalog.audioFeatures(track.track().id());
                withoutFeatures += found.isEmpty() ? 1 : 0;
                found.ifPresent(feature -> features.append(text(SpotifyJson.audioFeatures(List.of(feature)))));
            }
        }

        assertThat(artists).as("artists without followers, images, image sizes")
                .contains("\"images\":[]", "\"height\":null,\"width\":null");
        assertThat(artists.toString().split("\"followers\"", -1).length - 1).isBetween(900, 999);
        assertThat(topTracks).as("market answers: no available_markets, relinking, restrictions, null previews")
                .doesNotContain("available_markets")
                .contains("\"is_playable\":false", "\"restrictions\":{\"reason\":\"market\"}", "\"linked_from\":{",
                        "\"preview_url\":null", "\"preview_url\":\"https://p.scdn.co/mp3-preview/");
        assertThat(topTracks.toString().split("\"album_type\"", -1).length)
                .as("old albums without release_date")
                .isGreaterThan(topTracks.toString().split("\"release_date\"", -1).length);
        assertThat(features).as("whole measures as integers, small ones in plain notation")
                .contains("\"instrumentalness\":0,", "\"acousticness\":0.000")
                .doesNotContainPattern("\"[a-z_]+\":-?[0-9.]+[eE]")
                .containsPattern("\"instrumentalness\":0\\.0000\\d");
        assertThat(withoutFeatures).as("tracks without audio features").isPositive();
    }

    @Test
    void aCatalogOfAHundredThousandArtistsIsComputedOnDemand() {
        Catalog large = new Catalog(42, 100_000);
        long start = System.nanoTime();

        Artist last = large.findArtist(large.artistId(99_999)).orElseThrow();
        List<TrackInMarket> tracks = large.topTracks(last, "US");
        for (int index = 0; index < 100_000; index += 10) {
            large.topTracks(large.artist(index), "US");
        }

        assertThat(tracks).hasSize(Catalog.TOP_TRACKS);
        assertThat(large.artistCount()).isEqualTo(100_000);
        assertThat(System.nanoTime() - start).as("10,000 top-track lists, in ns").isLessThan(10_000_000_000L);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
