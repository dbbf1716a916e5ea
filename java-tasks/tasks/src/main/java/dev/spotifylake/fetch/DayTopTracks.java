package dev.spotifylake.fetch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.reccobeats.TopTracksRanking;

/**
 * The track ids of a dt's top tracks, read from its complete raw top_tracks partition, whichever source its
 * manifest names: Spotify's top-tracks answers as they came, or ReccoBeats' artist pages ranked per market
 * ({@link TopTracksRanking}, the same ranking as curated top_tracks), so that audio features are fetched for the
 * tracks of curated top_tracks and no others.
 */
final class DayTopTracks {
    private DayTopTracks() {
    }

    /** The distinct track ids as they appear in the answers (not yet checked to be Spotify ids), sorted. */
    static TreeSet<String> trackIds(RawPartition topTracks) {
        RawVersion current = topTracks.current().orElseThrow(() -> TaskException.notRetryable(topTracks.location()
                + " is not complete (no " + LakePaths.MANIFEST_FILE + "): run fetch-tracks-raw-json for dt="
                + topTracks.dt() + " first"));
        TreeSet<String> ids = new TreeSet<>();
        if (Source.RECCOBEATS.label().equals(current.pointer().map(Pointer::source).orElse(null))) {
            List<String> markets = new ArrayList<>();
            current.summary().path("input").path("markets").forEach(market -> markets.add(market.asText()));
            rankReccoBeatsPages(topTracks, markets, ids);
        } else {
            topTracks.forEachLine(line -> {
                for (JsonNode track : line.path("body").path("tracks")) {
                    if (track.hasNonNull("id")) {
                        ids.add(track.get("id").asText());
                    }
                }
            });
        }
        return ids;
    }

    /**
     * Ranks each artist's tracks as its pages come: a fetch writes an artist's pages together, in page order, so
     * one artist's tracks are in memory at a time.
     */
    private static void rankReccoBeatsPages(RawPartition topTracks, List<String> markets, Set<String> ids) {
        ArtistPages pages = new ArtistPages(topTracks.location(), markets, ids);
        topTracks.forEachLine(pages);
        pages.rankArtist();
    }

    /** The pages of the artist being read, ranked when the next artist's pages begin. */
    private static final class ArtistPages implements Consumer<JsonNode> {
        private final String location;
        private final List<String> markets;
        private final Set<String> ids;
        private final Set<String> artistsRanked = new HashSet<>();
        private final List<JsonNode> tracks = new ArrayList<>();
        private String artist;

        ArtistPages(String location, List<String> markets, Set<String> ids) {
            this.location = location;
            this.markets = markets;
            this.ids = ids;
        }

        @Override
        public void accept(JsonNode line) {
            if (!ReccoBeatsTopTracksJob.PAGE_ENDPOINT.equals(line.path("endpoint").asText())) {
                return;
            }
            String artistId = line.path("artist_id").asText();
            if (!artistId.equals(artist)) {
                rankArtist();
                if (!artistsRanked.add(artistId)) {
                    throw TaskException.notRetryable(location + ": the pages of artist " + artistId
                            + " are not together; fetch the partition again with --force");
                }
                artist = artistId;
            }
            line.path("body").path("content").forEach(tracks::add);
        }

        void rankArtist() {
            ids.addAll(TopTracksRanking.topTrackIds(tracks, markets));
            tracks.clear();
        }
    }
}
