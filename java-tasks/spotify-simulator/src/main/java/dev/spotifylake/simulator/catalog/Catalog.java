package dev.spotifylake.simulator.catalog;

import dev.spotifylake.simulator.catalog.Draw.Purpose;
import dev.spotifylake.simulator.catalog.SpotifyIds.Decoded;
import dev.spotifylake.simulator.catalog.SpotifyIds.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A deterministic Spotify catalog made from a seed and a number of artists: the same seed gives the same
 * artists, tracks, albums and audio features, byte for byte, on every run and machine. Nothing is stored: each
 * entity is computed from a hash of the seed and its index, and its id encodes that index, so 100,000 artists cost
 * no memory and any look-up is O(1).
 *
 * <p>Artist {@code i} owns ten tracks on three albums. About a third of the artists have a collaboration: their
 * tenth track features a nearby artist, and it ranks in the top tracks of both, as real features do. An artist's
 * data does not depend on the catalog's size, so a MySQL seed of the first 200 artists agrees with a simulator of
 * 100,000 (only the last few artists of a catalog lose the collaborations that would reach past its end).
 *
 * <p>The drift of real answers is built in: some artists have no followers, no images or images without sizes;
 * some old albums have no release date; most preview URLs are null; some tracks are unplayable or relinked in a
 * market; a few tracks have no audio features; whole measures are integers.
 */
public final class Catalog {
    /** How many tracks Spotify answers for an artist's top tracks. */
    public static final int TOP_TRACKS = 10;

    private static final int TRACKS_PER_ARTIST = 10;
    private static final int COLLABORATION_SLOT = 9;
    private static final int ALBUMS_PER_ARTIST = 3;
    /** A collaboration features one of the next few artists, so an artist's features are found nearby. */
    private static final int PARTNER_REACH = 7;
    private static final int LATEST_YEAR = 2026;

    private static final Comparator<Track> BY_POPULARITY =
            Comparator.comparingInt(Track::popularity).reversed().thenComparingLong(Track::index);

    private final long seed;
    private final int artistCount;
    private final SpotifyIds ids;

    public Catalog(long seed, int artistCount) {
        if (artistCount < 1) {
            throw new IllegalArgumentException("a catalog needs at least one artist, not " + artistCount);
        }
        this.seed = seed;
        this.artistCount = artistCount;
        this.ids = new SpotifyIds(seed);
    }

    public long seed() {
        return seed;
    }

    public int artistCount() {
        return artistCount;
    }

    public String artistId(int index) {
        checkArtistIndex(index);
        return ids.encode(Kind.ARTIST, index);
    }

    public Artist artist(int index) {
        checkArtistIndex(index);
        return makeArtist(Kind.ARTIST, Purpose.ARTIST, index);
    }

    /** The artist of a well-formed id of this catalog; empty for any other id. */
    public Optional<Artist> findArtist(String id) {
        Decoded decoded = ids.decode(id);
        if (decoded == null || decoded.kind() != Kind.ARTIST || decoded.index() >= artistCount) {
            return Optional.empty();
        }
        return Optional.of(makeArtist(Kind.ARTIST, Purpose.ARTIST, (int) decoded.index()));
    }

    /**
     * The {@code n}-th artist that this catalog does not know, whatever its size: a well-formed id with a
     * plausible name, for the MySQL rows that Spotify answers with 404.
     */
    public Artist unknownArtist(int n) {
        return makeArtist(Kind.UNKNOWN_ARTIST, Purpose.UNKNOWN_ARTIST, n);
    }

    /** The artist's top tracks in a market (two capital letters), most popular first. */
    public List<TrackInMarket> topTracks(Artist artist, String market) {
        int marketCode = marketCode(market);
        List<Track> candidates = tracksOf(artist);
        candidates.sort(BY_POPULARITY);
        List<TrackInMarket> top = new ArrayList<>(TOP_TRACKS);
        for (Track track : candidates.subList(0, TOP_TRACKS)) {
            top.add(inMarket(track, market, marketCode));
        }
        return top;
    }

    /** The artist's own ten tracks, then the collaborations of nearby artists that feature it. */
    List<Track> tracksOf(Artist artist) {
        List<Track> tracks = new ArrayList<>(TRACKS_PER_ARTIST + 2);
        for (int slot = 0; slot < TRACKS_PER_ARTIST; slot++) {
            tracks.add(track(artist, slot));
        }
        for (int owner = Math.max(0, artist.index() - PARTNER_REACH); owner < artist.index(); owner++) {
            if (partnerOf(owner) == artist.index()) {
                tracks.add(track(artist(owner), COLLABORATION_SLOT));
            }
        }
        return tracks;
    }

    /** The track of a well-formed id of this catalog; empty for any other id. */
    public Optional<Track> findTrack(String id) {
        Decoded decoded = ids.decode(id);
        return decoded == null || decoded.kind() != Kind.TRACK ? Optional.empty() : trackAt(decoded.index());
    }

    /** The track of an index that a {@link Kind#TRACK} id encodes; empty past the catalog's end. */
    Optional<Track> trackAt(long index) {
        if (index / TRACKS_PER_ARTIST >= artistCount) {
            return Optional.empty();
        }
        return Optional.of(track(artist((int) (index / TRACKS_PER_ARTIST)), (int) (index % TRACKS_PER_ARTIST)));
    }

    /** The audio features of a track of this catalog; empty for unknown ids and for the few tracks without. */
    public Optional<AudioFeatures> audioFeatures(String trackId) {
        return findTrack(trackId).flatMap(this::featuresOf);
    }

    private Artist makeArtist(Kind kind, Purpose purpose, int index) {
        Draw draw = Draw.of(seed, purpose, index);
        String id = ids.encode(kind, index);
        String name = artistName(draw);
        List<String> genres = genres(draw);
        Long followers = draw.chance(0.04) ? null : (long) StrictMath.pow(10, draw.nextDouble() * 7.7);
        int popularity = followers == null
                ? draw.between(0, 80)
                : percent((int) Math.round(StrictMath.log10(followers + 1.0) * 12) + draw.between(-10, 10));
        List<Image> images = draw.chance(0.06)
                ? List.of()
                : images(draw, "ab6761610000e5eb", 640, "ab67616100005174", 320, "ab6761610000f178", 160);
        return new Artist(index, id, name, genres, followers, popularity, images);
    }

    private static String artistName(Draw draw) {
        return switch (draw.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5 -> draw.pick(Words.FIRST_NAMES) + " " + draw.pick(Words.LAST_NAMES);
            case 6, 7 -> draw.pick(Words.FIRST_NAMES);
            case 8, 9, 10 -> "The " + draw.pick(Words.ADJECTIVES) + " " + draw.pick(Words.NOUNS);
            case 11, 12, 13 -> draw.pick(Words.ADJECTIVES) + " " + draw.pick(Words.NOUNS);
            case 14, 15 -> "DJ " + draw.pick(Words.LAST_NAMES);
            case 16, 17 -> draw.pick(Words.FIRST_NAMES) + " " + draw.pick(Words.LAST_NAMES) + " & The "
                    + draw.pick(Words.NOUNS);
            case 18 -> draw.pick(Words.LAST_NAMES) + " " + draw.between(2, 99);
            default -> draw.pick(Words.NON_LATIN_NAMES);
        };
    }

    private static List<String> genres(Draw draw) {
        int count = draw.chance(0.15) ? 0 : draw.between(1, 3);
        List<String> genres = new ArrayList<>(count);
        while (genres.size() < count) {
            String genre = draw.pick(Words.GENRES);
            if (!genres.contains(genre)) {
                genres.add(genre);
            }
        }
        return List.copyOf(genres);
    }

    /** Three sizes, widest first; a few image sets come without sizes, as some of Spotify's do. */
    private static List<Image> images(Draw draw, String largePrefix, int large, String mediumPrefix, int medium,
            String smallPrefix, int small) {
        boolean sized = !draw.chance(0.03);
        return List.of(image(draw, largePrefix, large, sized), image(draw, mediumPrefix, medium, sized),
                image(draw, smallPrefix, small, sized));
    }

    private static Image image(Draw draw, String prefix, int size, boolean sized) {
        Integer dimension = sized ? size : null;
        return new Image("https://i.scdn.co/image/" + prefix + draw.hex(24), dimension, dimension);
    }

    /** The artist a collaboration of {@code owner} features, or -1 when it has none. */
    private int partnerOf(int owner) {
        Draw draw = Draw.of(seed, Purpose.COLLABORATION, owner);
        if (!draw.chance(0.3)) {
            return -1;
        }
        long partner = owner + 1L + draw.nextInt(PARTNER_REACH);
        return partner < artistCount ? (int) partner : -1;
    }

    private Track track(Artist owner, int slot) {
        long index = (long) owner.index() * TRACKS_PER_ARTIST + slot;
        Draw draw = Draw.of(seed, Purpose.TRACK, index);
        Album album = album(owner, slot <= 4 ? 0 : slot <= 8 ? 1 : 2);
        String name = titleWords(draw);
        List<ArtistRef> artists = List.of(owner.ref());
        int popularity = percent(owner.popularity() - draw.between(0, 30));
        int partnerIndex = slot == COLLABORATION_SLOT ? partnerOf(owner.index()) : -1;
        if (partnerIndex >= 0) {
            Artist partner = artist(partnerIndex);
            name += " (feat. " + partner.name() + ")";
            artists = List.of(owner.ref(), partner.ref());
            // features are hits: they rank in the top tracks of both artists
            popularity = percent(Math.max(owner.popularity(), partner.popularity()) + draw.between(0, 8));
        } else {
            name += draw.pick(Words.TITLE_SUFFIXES);
        }
        int trackNumber = draw.between(1, album.totalTracks());
        int discNumber = album.totalTracks() > 14 && draw.chance(0.2) ? 2 : 1;
        String isrc = isrc(draw);
        String previewUrl = draw.chance(0.35) ? "https://p.scdn.co/mp3-preview/" + draw.hex(40) : null;
        return new Track(index, ids.encode(Kind.TRACK, index), name, album, artists, discNumber, trackNumber,
                draw.between(95_000, 420_000), draw.chance(0.18), isrc, popularity, previewUrl);
    }

    /** One or two words of a track's title, before any suffix. */
    static String titleWords(Draw draw) {
        return draw.pick(Words.TITLE_WORDS) + (draw.chance(0.5) ? " " + draw.pick(Words.TITLE_WORDS) : "");
    }

    static String isrc(Draw draw) {
        return draw.pick(Words.ISRC_COUNTRIES) + registrant(draw) + String.format(Locale.ROOT, "%02d%05d",
                draw.nextInt(100), draw.nextInt(100_000));
    }

    private static String registrant(Draw draw) {
        StringBuilder code = new StringBuilder(3);
        for (int i = 0; i < 3; i++) {
            code.append(SpotifyIds.ALPHABET.charAt(draw.nextInt(36)));
        }
        return code.toString().toUpperCase(Locale.ROOT);
    }

    private Album album(Artist owner, int albumSlot) {
        long index = (long) owner.index() * ALBUMS_PER_ARTIST + albumSlot;
        Draw draw = Draw.of(seed, Purpose.ALBUM, index);
        String type = switch (albumSlot) {
            case 0 -> "album";
            case 1 -> draw.chance(0.15) ? "compilation" : draw.chance(0.25) ? "single" : "album";
            default -> "single";
        };
        int totalTracks = switch (type) {
            case "album" -> draw.between(8, 18);
            case "compilation" -> draw.between(12, 30);
            default -> draw.between(1, 4);
        };
        double age = draw.nextDouble();
        int year = LATEST_YEAR - (int) (age * age * 68);
        int month = draw.between(1, 12);
        int day = draw.between(1, 28);
        double precision = draw.nextDouble();
        String releaseDate;
        String releaseDatePrecision;
        if (year < 1980 && draw.chance(0.35)) {
            releaseDate = null;
            releaseDatePrecision = "year";
        } else if (precision < 0.8) {
            releaseDate = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
            releaseDatePrecision = "day";
        } else if (precision < 0.85) {
            releaseDate = String.format(Locale.ROOT, "%04d-%02d", year, month);
            releaseDatePrecision = "month";
        } else {
            releaseDate = Integer.toString(year);
            releaseDatePrecision = "year";
        }
        String name = draw.pick(Words.ADJECTIVES) + " " + draw.pick(Words.TITLE_WORDS)
                + (type.equals("compilation") ? " - The Collection" : "");
        List<Image> images = images(draw, "ab67616d0000b273", 640, "ab67616d00001e02", 300, "ab67616d00004851", 64);
        return new Album(ids.encode(Kind.ALBUM, index), name, type, totalTracks, releaseDate, releaseDatePrecision,
                images, owner.ref());
    }

    /** Track Relinking as a market sees a track: a few are unplayable there, a few are relinked. */
    private TrackInMarket inMarket(Track track, String market, int marketCode) {
        double outcome = Draw.of(seed, Purpose.MARKET, track.index() * 1024 + marketCode).nextDouble();
        if (outcome < 0.03) {
            return new TrackInMarket(track, market, false, "market", null);
        }
        if (outcome < 0.06) {
            return new TrackInMarket(track, market, true, null, ids.encode(Kind.RELINKED_TRACK, track.index()));
        }
        return new TrackInMarket(track, market, true, null, null);
    }

    private Optional<AudioFeatures> featuresOf(Track track) {
        Draw draw = Draw.of(seed, Purpose.FEATURES, track.index());
        if (draw.chance(0.005)) {
            return Optional.empty();
        }
        return Optional.of(features(draw, track.id(), track.durationMs()));
    }

    /** Audio features drawn from {@code draw}, in the ranges and notations of Spotify's. */
    static AudioFeatures features(Draw draw, String trackId, int durationMs) {
        BigDecimal energy = draw.chance(0.01) ? BigDecimal.ONE : draw.thousandths(20, 999);
        int key = draw.chance(0.01) ? -1 : draw.between(0, 11);
        BigDecimal loudness = draw.chance(0.02)
                ? BigDecimal.valueOf(-draw.between(3, 20))
                : BigDecimal.valueOf(-draw.between(1_000, 25_000), 3);
        int mode = draw.chance(0.65) ? 1 : 0;
        BigDecimal speechiness = BigDecimal.valueOf(draw.between(220, 6_000), 4);
        BigDecimal acousticness = draw.chance(0.01)
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(draw.between(100, 999), draw.between(3, 6));
        double vocals = draw.nextDouble();
        BigDecimal instrumentalness = vocals < 0.3
                ? BigDecimal.ZERO
                : vocals < 0.7 ? BigDecimal.valueOf(draw.between(100, 999), draw.between(5, 9)) : draw.thousandths(10, 980);
        BigDecimal liveness = BigDecimal.valueOf(draw.between(200, 9_800), 4);
        BigDecimal valence = draw.chance(0.005) ? BigDecimal.ZERO : draw.thousandths(30, 970);
        BigDecimal tempo = draw.chance(0.03)
                ? BigDecimal.valueOf(draw.between(70, 180))
                : BigDecimal.valueOf(draw.between(60_000, 200_000), 3);
        double meter = draw.nextDouble();
        int timeSignature = meter < 0.85 ? 4 : meter < 0.95 ? 3 : meter < 0.99 ? 5 : 7;
        return new AudioFeatures(trackId, draw.thousandths(150, 980), energy, key, loudness, mode, speechiness,
                acousticness, instrumentalness, liveness, valence, tempo, durationMs, timeSignature);
    }

    private static int marketCode(String market) {
        if (market == null || market.length() != 2 || !isCapital(market.charAt(0)) || !isCapital(market.charAt(1))) {
            throw new IllegalArgumentException("a market is two capital letters (ISO 3166-1 alpha-2), not " + market);
        }
        return (market.charAt(0) - 'A') * 26 + market.charAt(1) - 'A';
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static int percent(int value) {
        return Math.max(0, Math.min(100, value));
    }

    private void checkArtistIndex(int index) {
        if (index < 0 || index >= artistCount) {
            throw new IndexOutOfBoundsException("artist " + index + " of a catalog of " + artistCount);
        }
    }
}
