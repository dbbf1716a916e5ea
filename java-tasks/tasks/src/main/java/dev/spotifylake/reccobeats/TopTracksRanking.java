package dev.spotifylake.reccobeats;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.spotify.SpotifyId;

/**
 * An artist's top tracks in each market, from its ReccoBeats tracks: ReccoBeats has no top-tracks endpoint, only
 * every track of an artist, page by page, in no popularity order. The top tracks in a market are the artist's 10
 * most popular distinct tracks whose {@code availableCountries} contain the market, ties broken by Spotify track id;
 * rank 1-10 in that order. Distinct means by Spotify track id (the one inside {@code href}): a track listed on two
 * pages counts once, as first listed. The fetch of audio features and the flatten of top tracks both rank with this
 * one class, so that they agree on the day's tracks.
 */
public final class TopTracksRanking {
    /** How many top tracks an artist has per market, as Spotify's top-tracks endpoint answers. */
    public static final int TOP = 10;

    /** Most popular first; equally popular tracks in Spotify id order, so that every run ranks them alike. */
    private static final Comparator<RankedTrack> ORDER = Comparator.comparingInt(RankedTrack::popularity).reversed()
            .thenComparing(RankedTrack::trackId);

    /**
     * One of an artist's top tracks in a market.
     *
     * @param rank 1 = the most popular
     * @param trackId the Spotify track id, from {@code href}
     * @param popularity ReccoBeats' popularity, 0-100
     * @param track the ReccoBeats Track object as it came
     */
    public record RankedTrack(int rank, String trackId, int popularity, JsonNode track) {
        public RankedTrack {
            requireNonNull(trackId, "trackId is null");
            requireNonNull(track, "track is null");
        }
    }

    private TopTracksRanking() {
    }

    /**
     * Ranks an artist's tracks, read from all its pages in page order, in each market; tracks that cannot be
     * ranked ({@link #problem}) are left out. Answers every market asked, in the order asked, with up to
     * {@value #TOP} tracks each (fewer when fewer are available there, none when none are).
     */
    public static Map<String, List<RankedTrack>> rank(Iterable<JsonNode> tracks, List<String> markets) {
        requireNonNull(tracks, "tracks is null");
        requireNonNull(markets, "markets is null");
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode track : tracks) {
            if (problem(track).isEmpty()) {
                String id = spotifyTrackId(track).orElseThrow();
                if (seen.add(id)) {
                    candidates.add(new Candidate(new RankedTrack(0, id, track.get("popularity").intValue(), track),
                            countries(track)));
                }
            }
        }
        candidates.sort(Comparator.comparing(Candidate::track, ORDER));
        Map<String, List<RankedTrack>> top = new LinkedHashMap<>();
        for (String market : markets) {
            List<RankedTrack> ranked = new ArrayList<>(TOP);
            for (Candidate candidate : candidates) {
                if (ranked.size() == TOP) {
                    break;
                }
                if (candidate.countries().contains(market)) {
                    RankedTrack track = candidate.track();
                    ranked.add(new RankedTrack(ranked.size() + 1, track.trackId(), track.popularity(), track.track()));
                }
            }
            top.put(market, List.copyOf(ranked));
        }
        return top;
    }

    /** The Spotify track ids among an artist's top tracks in any of the markets, each once. */
    public static Set<String> topTrackIds(Iterable<JsonNode> tracks, List<String> markets) {
        Set<String> ids = new HashSet<>();
        rank(tracks, markets).values().forEach(ranked -> ranked.forEach(track -> ids.add(track.trackId())));
        return ids;
    }

    /**
     * Why a ReccoBeats track cannot be ranked, if it cannot: it is no object, its {@code href} holds no Spotify track
     * id, or it has no popularity (an integer 0-100) to rank it by.
     */
    public static Optional<String> problem(JsonNode track) {
        if (track == null || !track.isObject()) {
            return Optional.of("expected a track object");
        }
        if (spotifyTrackId(track).isEmpty()) {
            return Optional.of("href: expected https://open.spotify.com/track/<Spotify id>, got "
                    + describe(track.get("href")));
        }
        JsonNode popularity = track.get("popularity");
        if (popularity == null || !popularity.isNumber() || !popularity.canConvertToExactIntegral()
                || !popularity.canConvertToInt() || popularity.intValue() < 0 || popularity.intValue() > 100) {
            return Optional.of("popularity: expected an integer 0-100, got " + describe(popularity));
        }
        return Optional.empty();
    }

    /** The Spotify id inside a ReccoBeats object's {@code href} (a track's, or an audio-features entry's). */
    public static Optional<String> spotifyTrackId(JsonNode entry) {
        JsonNode href = entry == null ? null : entry.get("href");
        return href == null ? Optional.empty() : SpotifyId.ofTrackUrl(href.textValue());
    }

    /** {@code "US,CA, MX"}: the markets a track is available in; none when the field is missing or not text. */
    private static Set<String> countries(JsonNode track) {
        JsonNode available = track.get("availableCountries");
        Set<String> countries = new HashSet<>();
        if (available != null && available.isTextual()) {
            for (String country : available.textValue().split(",")) {
                countries.add(country.strip());
            }
        }
        return countries;
    }

    private static String describe(JsonNode value) {
        return value == null || value.isMissingNode() ? "nothing" : value.toString();
    }

    private record Candidate(RankedTrack track, Set<String> countries) {
    }
}
