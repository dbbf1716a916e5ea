package dev.spotifylake.reccobeats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spotifylake.reccobeats.TopTracksRanking.RankedTrack;

/** ReccoBeats' tracks of an artist, in the documented Track shape, ranked into top tracks per market. */
class TopTracksRankingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTenMostPopularTracksAvailableInAMarketAreRankedMostPopularFirst() {
        List<JsonNode> tracks = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            tracks.add(track(id(i), 40 + i, "US,CA"));
        }
        tracks.add(track(id(20), 99, "CA"));

        Map<String, List<RankedTrack>> top = TopTracksRanking.rank(tracks, List.of("US", "CA"));

        assertThat(top.get("US")).extracting(RankedTrack::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(top.get("US")).extracting(RankedTrack::popularity).containsExactly(54, 53, 52, 51, 50, 49, 48, 47, 46, 45);
        assertThat(top.get("US")).extracting(RankedTrack::trackId).doesNotContain(id(20));
        assertThat(top.get("CA")).extracting(RankedTrack::trackId).startsWith(id(20), id(14)).hasSize(10);
        assertThat(top.get("CA").get(0).track()).isSameAs(tracks.get(15));
    }

    @Test
    void equallyPopularTracksAreRankedBySpotifyTrackId() {
        List<JsonNode> tracks = List.of(track("7ouMYWpwJ422jRcDASZB7P", 70, "US"), track("0eGsygTp906u18L0Oimnem", 70, "US"),
                track("4VqPOruhp5EdPBeR92t6lQ", 80, "US"), track("3n3Ppam7vgaVa1iaRUc9Lp", 70, "US"));

        List<RankedTrack> us = TopTracksRanking.rank(tracks, List.of("US")).get("US");

        assertThat(us).extracting(RankedTrack::trackId).containsExactly("4VqPOruhp5EdPBeR92t6lQ",
                "0eGsygTp906u18L0Oimnem", "3n3Ppam7vgaVa1iaRUc9Lp", "7ouMYWpwJ422jRcDASZB7P");
        assertThat(us).extracting(RankedTrack::rank).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aTrackOnSeveralPagesCountsOnceAsFirstListed() {
        JsonNode first = track(id(1), 60, "US");
        List<JsonNode> pages = List.of(first, track(id(2), 50, "US"), track(id(1), 90, "US,CA"));

        Map<String, List<RankedTrack>> top = TopTracksRanking.rank(pages, List.of("US", "CA"));

        assertThat(top.get("US")).extracting(RankedTrack::trackId).containsExactly(id(1), id(2));
        assertThat(top.get("US").get(0).track()).isSameAs(first);
        assertThat(top.get("CA")).isEmpty();
    }

    @Test
    void aMarketWithFewerThanTenTracksGetsThoseItHasAndEveryMarketAskedIsAnswered() {
        List<JsonNode> tracks = List.of(track(id(1), 10, "US, MX"), track(id(2), 20, "MX"), track(id(3), 30, "FR"));

        Map<String, List<RankedTrack>> top = TopTracksRanking.rank(tracks, List.of("MX", "US", "SE"));

        assertThat(top).containsOnlyKeys("MX", "US", "SE");
        assertThat(top.keySet()).containsExactly("MX", "US", "SE");
        assertThat(top.get("MX")).extracting(RankedTrack::trackId).containsExactly(id(2), id(1));
        assertThat(top.get("US")).extracting(RankedTrack::trackId).containsExactly(id(1));
        assertThat(top.get("SE")).isEmpty();
    }

    @Test
    void tracksWithoutASpotifyIdOrAPopularityAreLeftOutAndSayWhy() throws Exception {
        ObjectNode albumHref = track(id(1), 90, "US").put("href", "https://open.spotify.com/album/" + id(1));
        ObjectNode badId = track(id(2), 90, "US").put("href", "https://open.spotify.com/track/not-an-id");
        ObjectNode noHref = track(id(3), 90, "US");
        noHref.remove("href");
        ObjectNode noPopularity = track(id(4), 90, "US");
        noPopularity.putNull("popularity");
        ObjectNode tooPopular = track(id(5), 101, "US");
        ObjectNode noCountries = track(id(6), 90, "US");
        noCountries.remove("availableCountries");
        JsonNode good = track(id(7), 10, "US");

        List<JsonNode> tracks = List.of(albumHref, badId, noHref, noPopularity, tooPopular, noCountries, good);

        assertThat(TopTracksRanking.rank(tracks, List.of("US")).get("US")).extracting(RankedTrack::trackId)
                .containsExactly(id(7));
        assertThat(TopTracksRanking.problem(albumHref)).get().asString().startsWith("href: expected");
        assertThat(TopTracksRanking.problem(badId)).get().asString().contains("not-an-id");
        assertThat(TopTracksRanking.problem(noHref)).get().asString().endsWith("got nothing");
        assertThat(TopTracksRanking.problem(noPopularity)).get().asString().isEqualTo("popularity: expected an integer 0-100, got null");
        assertThat(TopTracksRanking.problem(tooPopular)).get().asString().contains("got 101");
        assertThat(TopTracksRanking.problem(JSON.readTree("\"a track\""))).contains("expected a track object");
        assertThat(TopTracksRanking.problem(noCountries)).isEmpty();
        assertThat(TopTracksRanking.problem(good)).isEmpty();
    }

    @Test
    void theSpotifyIdComesFromAnHrefOfATrackOrOfAudioFeatures() throws Exception {
        JsonNode features = JSON.readTree("{\"id\": \"c1b3c4b5-0000-4a4a-9e9e-000000000001\", "
                + "\"href\": \"https://open.spotify.com/track/0eGsygTp906u18L0Oimnem\", \"energy\": 0.5}");

        assertThat(TopTracksRanking.spotifyTrackId(features)).contains("0eGsygTp906u18L0Oimnem");
        assertThat(TopTracksRanking.spotifyTrackId(JSON.readTree("{\"href\": null}"))).isEmpty();
        assertThat(TopTracksRanking.spotifyTrackId(JSON.readTree("{\"href\": 7}"))).isEmpty();
    }

    @Test
    void topTrackIdsAreEveryMarketsTopTracksOnce() {
        List<JsonNode> tracks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tracks.add(track(id(i), 50 + i, i % 2 == 0 ? "US" : "US,CA"));
        }

        assertThat(TopTracksRanking.topTrackIds(tracks, List.of("US", "CA")))
                .containsExactlyInAnyOrder(id(2), id(3), id(4), id(5), id(6), id(7), id(8), id(9), id(10), id(11),
                        id(1));
    }

    /** A ReccoBeats Track, as GET /artist/{id}/track answers it. */
    private static ObjectNode track(String spotifyId, int popularity, String countries) {
        ObjectNode track = JSON.createObjectNode();
        track.put("id", "5d8c2b8e-1f0a-4e4b-9c3d-" + String.format("%012d", Math.abs(spotifyId.hashCode())));
        track.put("trackTitle", "Song " + spotifyId);
        track.putArray("artists").addObject().put("id", "0a9b1c2d-0000-4000-8000-000000000000").put("name", "An Artist")
                .put("href", "https://open.spotify.com/artist/0TnOYISbd1XYRBk9myaseg");
        track.put("durationMs", 201_000);
        track.put("isrc", "USUM71703861");
        track.putNull("ean");
        track.putNull("upc");
        track.put("href", "https://open.spotify.com/track/" + spotifyId);
        track.put("availableCountries", countries);
        track.put("popularity", popularity);
        return track;
    }

    /** A valid Spotify id (22 base-62 characters) that sorts by its number. */
    private static String id(int number) {
        return String.format("trk%019d", number);
    }
}
