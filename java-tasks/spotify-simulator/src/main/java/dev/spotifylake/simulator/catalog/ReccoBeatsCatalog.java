package dev.spotifylake.simulator.catalog;

import dev.spotifylake.simulator.catalog.Draw.Purpose;
import dev.spotifylake.simulator.catalog.SpotifyIds.Decoded;
import dev.spotifylake.simulator.catalog.SpotifyIds.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What ReccoBeats knows of a {@link Catalog}: the same artists under UUIDs of their own, each with its whole
 * catalog of tracks (its ten Spotify tracks, the collaborations that feature it, and 10 to 580 more, so 20 to
 * about 600 in all), a popularity of ReccoBeats' own, the markets each track is available in, and audio features for
 * most tracks. Like the catalog it stores nothing: a page of an artist's tracks is computed when asked, from the
 * Spotify ids of the artist's tracks (cheap to list) and the full tracks of that page only.
 *
 * <p>The ten Spotify tracks keep their Spotify ids, titles, ISRCs and popularities, and their audio features where
 * ReccoBeats has some are Spotify's (its corpus was copied from Spotify's); the other tracks are ReccoBeats' alone
 * (Spotify's simulated API does not know them).
 */
public final class ReccoBeatsCatalog {
    /** Real ReccoBeats lists an artist's tracks in the order of their Spotify ids. */
    private static final Comparator<Listed> PAGE_ORDER = Comparator.comparing(Listed::spotifyId);
    /** A track index of {@link Kind#CATALOG_TRACK} is the owner's index times this, plus the track's number. */
    private static final int CATALOG_TRACKS_PER_ARTIST = 1000;
    private static final int MIN_CATALOG_TRACKS = 10;
    private static final int MAX_CATALOG_TRACKS = 580;
    private static final double FEATURES_MISSING = 0.06;
    private static final double ISRC_LEFT_OUT = 0.1;
    /** Spotify's markets (GET /v1/markets), in the order ReccoBeats' {@code availableCountries} lists them. */
    static final List<String> MARKETS = List.of("AD", "AE", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA",
            "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT", "BW", "BY", "BZ", "CA", "CD",
            "CG", "CH", "CI", "CL", "CM", "CO", "CR", "CV", "CW", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC",
            "EE", "EG", "ES", "ET", "FI", "FJ", "FM", "FR", "GA", "GB", "GD", "GE", "GH", "GM", "GN", "GQ", "GR", "GT",
            "GW", "GY", "HK", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IN", "IQ", "IS", "IT", "JM", "JO", "JP", "KE",
            "KG", "KH", "KI", "KM", "KN", "KR", "KW", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV",
            "LY", "MA", "MC", "MD", "ME", "MG", "MH", "MK", "ML", "MN", "MO", "MR", "MT", "MU", "MV", "MW", "MX", "MY",
            "MZ", "NA", "NE", "NG", "NI", "NL", "NO", "NP", "NR", "NZ", "OM", "PA", "PE", "PG", "PH", "PK", "PL", "PR",
            "PS", "PT", "PW", "PY", "QA", "RO", "RS", "RW", "SA", "SB", "SC", "SE", "SG", "SI", "SK", "SL", "SM", "SN",
            "SR", "ST", "SV", "SZ", "TD", "TG", "TH", "TJ", "TL", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG",
            "US", "UY", "UZ", "VC", "VE", "VN", "VU", "WS", "XK", "ZA", "ZM", "ZW");

    /** A track of an artist's listing: its Spotify id, and the Spotify track when it is one of the catalog's. */
    private record Listed(String spotifyId, Track spotifyTrack, long catalogIndex) {
    }

    private final Catalog catalog;
    private final SpotifyIds spotifyIds;
    private final ReccoBeatsIds ids;

    public ReccoBeatsCatalog(Catalog catalog) {
        this.catalog = catalog;
        this.spotifyIds = new SpotifyIds(catalog.seed());
        this.ids = new ReccoBeatsIds(catalog.seed());
    }

    /** The artist of a Spotify id or ReccoBeats id of this catalog; empty for any other text. */
    public Optional<ReccoBeatsArtist> findArtist(String id) {
        return artistOf(id).map(this::artist);
    }

    /** The catalog's artist of a ReccoBeats id (the only id ReccoBeats takes in a path); empty for any other. */
    public Optional<Artist> artistOfReccoBeatsId(String id) {
        return known(ids.decode(id), Kind.ARTIST).map(decoded -> catalog.artist((int) decoded.index()));
    }

    public ReccoBeatsArtist artist(Artist artist) {
        return new ReccoBeatsArtist(ids.encode(Kind.ARTIST, artist.index()), artist.name(), artist.id());
    }

    /** One page of the artist's tracks in the order of their Spotify ids; past the last page, an empty one. */
    public ReccoBeatsPage tracks(Artist artist, int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page " + page + " of size " + size);
        }
        List<Listed> listing = listing(artist);
        int from = (int) Math.min((long) page * size, listing.size());
        int to = Math.min(from + size, listing.size());
        List<ReccoBeatsTrack> content = new ArrayList<>(to - from);
        for (Listed listed : listing.subList(from, to)) {
            content.add(listed.spotifyTrack() != null
                    ? fromSpotify(listed.spotifyTrack())
                    : catalogTrack(artist, listed.catalogIndex()));
        }
        return new ReccoBeatsPage(content, page, size, listing.size());
    }

    /** How many tracks ReccoBeats lists for the artist. */
    public int trackCount(Artist artist) {
        return catalog.tracksOf(artist).size() + catalogTrackCount(artist);
    }

    /** The track of a Spotify id or ReccoBeats id; empty for ids ReccoBeats does not know. */
    public Optional<ReccoBeatsTrack> findTrack(String id) {
        return trackOf(id).map(this::track);
    }

    /** The audio features of a track by its Spotify id or ReccoBeats id; empty for the tracks it has none of. */
    public Optional<ReccoBeatsFeatures> audioFeatures(String id) {
        return trackOf(id).flatMap(this::featuresOf);
    }

    private Optional<Artist> artistOf(String id) {
        return known(decode(id), Kind.ARTIST).map(known -> catalog.artist((int) known.index()));
    }

    /** What a Spotify id or a ReccoBeats id of this catalog names; null for any other text. */
    private Decoded decode(String id) {
        return SpotifyIds.isWellFormed(id) ? spotifyIds.decode(id) : ids.decode(id);
    }

    /** A decoded id of this catalog's size and of the given kind. */
    private Optional<Decoded> known(Decoded decoded, Kind kind) {
        return decoded != null && decoded.kind() == kind && decoded.index() < catalog.artistCount()
                ? Optional.of(decoded)
                : Optional.empty();
    }

    /** A track id decoded to its kind and index, when ReccoBeats lists such a track. */
    private Optional<Decoded> trackOf(String id) {
        Decoded decoded = decode(id);
        if (decoded == null) {
            return Optional.empty();
        }
        if (decoded.kind() == Kind.TRACK) {
            return catalog.trackAt(decoded.index()).map(track -> decoded);
        }
        if (decoded.kind() != Kind.CATALOG_TRACK) {
            return Optional.empty();
        }
        long owner = decoded.index() / CATALOG_TRACKS_PER_ARTIST;
        return owner < catalog.artistCount()
                && decoded.index() % CATALOG_TRACKS_PER_ARTIST < catalogTrackCount(catalog.artist((int) owner))
                ? Optional.of(decoded)
                : Optional.empty();
    }

    private ReccoBeatsTrack track(Decoded decoded) {
        if (decoded.kind() == Kind.TRACK) {
            return fromSpotify(catalog.trackAt(decoded.index()).orElseThrow());
        }
        return catalogTrack(catalog.artist((int) (decoded.index() / CATALOG_TRACKS_PER_ARTIST)), decoded.index());
    }

    private List<Listed> listing(Artist artist) {
        List<Track> spotifyTracks = catalog.tracksOf(artist);
        int catalogTracks = catalogTrackCount(artist);
        List<Listed> listing = new ArrayList<>(spotifyTracks.size() + catalogTracks);
        for (Track track : spotifyTracks) {
            listing.add(new Listed(track.id(), track, -1));
        }
        for (int number = 0; number < catalogTracks; number++) {
            long index = (long) artist.index() * CATALOG_TRACKS_PER_ARTIST + number;
            listing.add(new Listed(spotifyIds.encode(Kind.CATALOG_TRACK, index), null, index));
        }
        listing.sort(PAGE_ORDER);
        return listing;
    }

    /** Most artists have tens of tracks beyond their ten, some several hundred. */
    private int catalogTrackCount(Artist artist) {
        double draw = Draw.of(catalog.seed(), Purpose.RECCOBEATS_CATALOG_SIZE, artist.index()).nextDouble();
        return MIN_CATALOG_TRACKS + (int) (draw * draw * draw * (MAX_CATALOG_TRACKS - MIN_CATALOG_TRACKS));
    }

    private ReccoBeatsTrack fromSpotify(Track track) {
        return describe(Kind.TRACK, track.index(), track.id(), track.name(), track.artists(), track.durationMs(),
                track.isrc(), track.popularity());
    }

    /** A track of the artist's catalog beyond its ten: less popular than them, on the whole, but not always. */
    private ReccoBeatsTrack catalogTrack(Artist owner, long index) {
        // the bare index, below any kinded index: this draw is not describe's
        Draw draw = Draw.of(catalog.seed(), Purpose.RECCOBEATS_TRACK, index);
        String title = Catalog.titleWords(draw) + draw.pick(Words.TITLE_SUFFIXES);
        int durationMs = draw.between(95_000, 420_000);
        String isrc = Catalog.isrc(draw);
        int popularity = Catalog.percent(owner.popularity() - draw.between(0, 45));
        return describe(Kind.CATALOG_TRACK, index, spotifyIds.encode(Kind.CATALOG_TRACK, index), title,
                List.of(owner.ref()), durationMs, isrc, popularity);
    }

    /** The fields ReccoBeats adds to any track: codes, markets and its UUIDs. */
    private ReccoBeatsTrack describe(Kind kind, long index, String spotifyId, String title, List<ArtistRef> artists,
            int durationMs, String isrc, int popularity) {
        Draw draw = Draw.of(catalog.seed(), Purpose.RECCOBEATS_TRACK, kindedIndex(kind, index));
        String ean = draw.chance(0.15) ? digits(draw, 13) : null;
        String upc = draw.chance(0.25) ? digits(draw, 12) : null;
        List<ReccoBeatsArtist> credited = new ArrayList<>(artists.size());
        for (ArtistRef ref : artists) {
            long artistIndex = spotifyIds.decode(ref.id()).index();
            credited.add(new ReccoBeatsArtist(ids.encode(Kind.ARTIST, artistIndex), ref.name(), ref.id()));
        }
        return new ReccoBeatsTrack(ids.encode(kind, index), spotifyId, title, List.copyOf(credited), durationMs,
                isrc, ean, upc, availableCountries(draw), popularity);
    }

    /** Most tracks are available almost everywhere; some in a region's worth of markets only. */
    private static String availableCountries(Draw draw) {
        double keep = draw.chance(0.85) ? 0.98 : 0.35;
        StringBuilder countries = new StringBuilder(MARKETS.size() * 3);
        for (String market : MARKETS) {
            if (draw.chance(keep)) {
                countries.append(countries.isEmpty() ? "" : ",").append(market);
            }
        }
        return countries.toString();
    }

    private Optional<ReccoBeatsFeatures> featuresOf(Decoded decoded) {
        Draw draw = Draw.of(catalog.seed(), Purpose.RECCOBEATS_FEATURES, kindedIndex(decoded.kind(),
                decoded.index()));
        if (draw.chance(FEATURES_MISSING)) {
            return Optional.empty();
        }
        ReccoBeatsTrack track = track(decoded);
        String isrc = draw.chance(ISRC_LEFT_OUT) ? null : track.isrc();
        // Spotify's features where its corpus has them, else ReccoBeats' own analysis
        AudioFeatures measures = catalog.audioFeatures(track.spotifyId())
                .orElseGet(() -> Catalog.features(draw, track.spotifyId(), track.durationMs()));
        return Optional.of(new ReccoBeatsFeatures(track.id(), isrc, measures));
    }

    /** One number per track of either kind, for the draws that both kinds make. */
    private static long kindedIndex(Kind kind, long index) {
        return new Decoded(kind, index).value();
    }

    private static String digits(Draw draw, int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + draw.nextInt(10)));
        }
        return digits.toString();
    }
}
