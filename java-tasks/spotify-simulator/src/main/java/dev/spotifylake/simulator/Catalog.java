package dev.spotifylake.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A deterministic Spotify catalog of {@code size} artists from a seed: every artist, track, album and audio
 * feature is derived on demand from a hash of (seed, kind, index), so 100,000 artists cost no memory. Each artist
 * has 10 top tracks; about half the artists share one track with a partner artist (a feature), the way real top
 * tracks overlap. Bodies are the exact JSON bytes the simulator answers, with Spotify's real-world drift:
 * whole numbers as JSON integers, {@code available_markets} only without a market, {@code is_playable} (and on a
 * few tracks {@code linked_from} or {@code restrictions}) only with one, null preview URLs, old albums without
 * a release date, artists without followers, images without a size.
 */
public final class Catalog {
    public static final int TOP_TRACKS = 10;
    /** An id MySQL may hold that no Spotify id can be. */
    public static final String MALFORMED_ID = "not-a-spotify-id!";

    private static final JsonFactory JSON = new JsonFactory();
    private static final String WEB = "https://open.spotify.com/";
    private static final String API = "https://api.spotify.com/v1/";
    private static final String[] MARKETS = {"AR", "AT", "AU", "BE", "BR", "CA", "CH", "DE", "DK", "ES", "FI", "FR",
            "GB", "IE", "IT", "JP", "MX", "NL", "NO", "NZ", "PL", "SE", "US"};
    private static final String[] GENRES = {"pop", "dance pop", "rock", "indie rock", "alt z", "hip hop", "rap",
            "trap", "r&b", "soul", "funk", "jazz", "bebop", "classical", "baroque", "metal", "death metal", "punk",
            "folk", "indie folk", "country", "bluegrass", "edm", "house", "techno", "trance", "drum and bass",
            "reggae", "dancehall", "latin", "reggaeton", "k-pop", "j-pop", "afrobeats", "bossa nova", "blues",
            "grunge", "shoegaze", "lo-fi", "synthwave"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ra", "zen", "tor", "vi", "el", "on", "sa", "dre",
            "nu", "ba", "chi", "quo", "ly", "fen", "mar", "ix", "ost", "pa", "wen", "yu", "gro"};
    private static final String[] WORDS = {"Night", "Golden", "Echo", "River", "Neon", "Paper", "Silent", "Wild",
            "Summer", "Glass", "Velvet", "Ghost", "Electric", "Broken", "Ocean", "Midnight", "Fire", "Honey", "Blue",
            "Stone", "Heart", "Dream", "City", "Light"};

    private static final int ARTIST = 1;
    private static final int TRACK = 2;
    private static final int ALBUM = 3;
    private static final int UNKNOWN = 4;
    private static final int PAIR = 5;
    private static final int IMAGE = 6;

    private final long seed;
    private final int size;
    private final long pairMultiplier;
    private final long pairMultiplierInverse;
    private final long pairOffset;

    private Catalog(long seed, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.seed = seed;
        this.size = size;
        SplittableRandom pairs = random(PAIR, -1);
        long multiplier = size <= 1 ? 1 : 1 + pairs.nextLong(size - 1);
        while (size > 1 && gcd(multiplier, size) != 1) {
            multiplier = multiplier % (size - 1) + 1;
        }
        this.pairMultiplier = multiplier;
        this.pairMultiplierInverse = size <= 1 ? 1
                : java.math.BigInteger.valueOf(multiplier).modInverse(java.math.BigInteger.valueOf(size)).longValue();
        this.pairOffset = size <= 1 ? 0 : pairs.nextLong(size);
    }

    public static Catalog of(long seed, int size) {
        return new Catalog(seed, size);
    }

    public long seed() {
        return seed;
    }

    public int size() {
        return size;
    }

    // ---- artists

    public String artistId(int index) {
        checkArtist(index);
        return id(ARTIST, index);
    }

    /** The index of an artist id, or -1 when the catalog does not know it (malformed ids included). */
    public int artistIndex(String id) {
        return (int) index(ARTIST, id, size);
    }

    public static boolean isWellFormedId(String id) {
        return SpotifyIds.isWellFormed(id);
    }

    public Artist artist(int index) {
        checkArtist(index);
        SplittableRandom random = random(ARTIST, index);
        String name = artistName(random);
        Long followers = random.nextInt(100) < 3 ? null : (long) Math.pow(10, random.nextDouble(1, 8));
        int popularity = random.nextInt(101);
        List<String> genres = new ArrayList<>();
        int count = random.nextInt(4);
        int first = random.nextInt(GENRES.length);
        for (int i = 0; i < count; i++) {
            genres.add(GENRES[(first + i * 7) % GENRES.length]);
        }
        String id = artistId(index);
        return new Artist(id, name, followers, popularity, WEB + "artist/" + id, imageUrl(ARTIST, index, 0), genres);
    }

    /** Valid-looking artist ids the catalog does not know: Spotify answers 404 to them. */
    public List<String> unknownArtistIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(SpotifyIds.random(random(UNKNOWN, i), SpotifyIds.LENGTH));
        }
        return ids;
    }

    // ---- tracks

    /** The ids of an artist's 10 top tracks, most popular first. */
    public List<String> topTrackIds(String artistId) {
        int artist = requireArtist(artistId);
        List<String> ids = new ArrayList<>(TOP_TRACKS);
        for (int slot = 0; slot < TOP_TRACKS; slot++) {
            ids.add(id(TRACK, topTrack(artist, slot)));
        }
        return ids;
    }

    public long trackCount() {
        return (long) size * TOP_TRACKS;
    }

    /** The index of a track id, or -1. */
    public long trackIndex(String id) {
        return index(TRACK, id, trackCount());
    }

    // ---- bodies

    /** GET /v1/artists/{id}/top-tracks?market=..., market null for none. */
    public byte[] topTracksBody(String artistId, String market) {
        int artist = requireArtist(artistId);
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("tracks");
            for (int slot = 0; slot < TOP_TRACKS; slot++) {
                writeTrack(json, topTrack(artist, slot), market);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** GET /v1/audio-features?ids=...: null for each id the catalog does not know. */
    public byte[] audioFeaturesBody(List<String> trackIds) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("audio_features");
            for (String id : trackIds) {
                long track = trackIndex(id);
                if (track < 0) {
                    json.writeNull();
                } else {
                    writeAudioFeatures(json, track);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** One track's audio features object, or {@code null} as JSON when the catalog does not know the track. */
    public byte[] audioFeatures(String trackId) {
        long track = trackIndex(trackId);
        return write(json -> {
            if (track < 0) {
                json.writeNull();
            } else {
                writeAudioFeatures(json, track);
            }
        });
    }

    /** GET /v1/artists/{id}. */
    public byte[] artistBody(String artistId) {
        int artist = requireArtist(artistId);
        return write(json -> writeArtist(json, artist));
    }

    /** GET /v1/artists?ids=...: null for each id the catalog does not know. */
    public byte[] artistsBody(List<String> artistIds) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("artists");
            for (String id : artistIds) {
                int artist = artistIndex(id);
                if (artist < 0) {
                    json.writeNull();
                } else {
                    writeArtist(json, artist);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    // ---- the shape of the catalog

    /** Slot 9 of an artist with a partner is the pair's shared track, owned by the lower index of the two. */
    private long topTrack(int artist, int slot) {
        if (slot == TOP_TRACKS - 1) {
            int partner = partner(artist);
            if (partner >= 0) {
                return (long) Math.min(artist, partner) * TOP_TRACKS + slot;
            }
        }
        return (long) artist * TOP_TRACKS + slot;
    }

    /** The artist's feature partner, or -1: a random pairing (an involution) over about half the artists. */
    private int partner(int artist) {
        if (size <= 1) {
            return -1;
        }
        long position = Math.floorMod(pairMultiplier * artist + pairOffset, (long) size);
        long other = position ^ 1;
        if (other >= size) {
            return -1;
        }
        int partner = (int) Math.floorMod((other - pairOffset) % size * pairMultiplierInverse, (long) size);
        long pairKey = Math.min(position, other);
        return (random(PAIR, pairKey).nextInt(2) == 0) ? partner : -1;
    }

    private List<Integer> trackArtists(long track) {
        int owner = (int) (track / TOP_TRACKS);
        if (track % TOP_TRACKS == TOP_TRACKS - 1) {
            int partner = partner(owner);
            if (partner > owner) {
                return List.of(owner, partner);
            }
        }
        return List.of(owner);
    }

    private long album(long track) {
        int owner = (int) (track / TOP_TRACKS);
        int slot = (int) (track % TOP_TRACKS);
        return (long) owner * 4 + (slot < 4 ? 0 : slot < 7 ? 1 : slot < 9 ? 2 : 3);
    }

    // ---- writers

    private void writeTrack(JsonGenerator json, long track, String market) throws IOException {
        SplittableRandom random = random(TRACK, track);
        String id = id(TRACK, track);
        json.writeStartObject();
        writeAlbum(json, album(track), market);
        json.writeArrayFieldStart("artists");
        for (int artist : trackArtists(track)) {
            writeSimplifiedArtist(json, artist);
        }
        json.writeEndArray();
        if (market == null) {
            writeMarkets(json, random);
        }
        json.writeNumberField("disc_number", 1);
        json.writeNumberField("duration_ms", 90_000 + random.nextInt(300_000));
        json.writeBooleanField("explicit", random.nextInt(5) == 0);
        json.writeObjectFieldStart("external_ids");
        json.writeStringField("isrc", isrc(random));
        json.writeEndObject();
        writeLinks(json, "track", id);
        json.writeBooleanField("is_local", false);
        if (market != null) {
            int oddity = random.nextInt(40);
            json.writeBooleanField("is_playable", oddity != 0);
            if (oddity == 0) {
                json.writeObjectFieldStart("restrictions");
                json.writeStringField("reason", "market");
                json.writeEndObject();
            } else if (oddity == 1) {
                String original = SpotifyIds.random(random, SpotifyIds.LENGTH);
                json.writeObjectFieldStart("linked_from");
                json.writeObjectFieldStart("external_urls");
                json.writeStringField("spotify", WEB + "track/" + original);
                json.writeEndObject();
                json.writeStringField("href", API + "tracks/" + original);
                json.writeStringField("id", original);
                json.writeStringField("type", "track");
                json.writeStringField("uri", "spotify:track:" + original);
                json.writeEndObject();
            }
        }
        json.writeStringField("name", title(random));
        json.writeNumberField("popularity", random.nextInt(101));
        if (random.nextInt(3) == 0) {
            json.writeStringField("preview_url", "https://p.scdn.co/mp3-preview/" + hex(random, 40));
        } else {
            json.writeNullField("preview_url");
        }
        json.writeNumberField("track_number", 1 + (int) (track % TOP_TRACKS));
        json.writeStringField("type", "track");
        json.writeStringField("uri", "spotify:track:" + id);
        json.writeEndObject();
    }

    private void writeAlbum(JsonGenerator json, long album, String market) throws IOException {
        SplittableRandom random = random(ALBUM, album);
        String id = id(ALBUM, album);
        int owner = (int) (album / 4);
        json.writeObjectFieldStart("album");
        int type = random.nextInt(10);
        json.writeStringField("album_type", type < 6 ? "album" : type < 9 ? "single" : "compilation");
        json.writeArrayFieldStart("artists");
        writeSimplifiedArtist(json, owner);
        json.writeEndArray();
        if (market == null) {
            writeMarkets(json, random);
        }
        writeLinks(json, "album", id);
        writeImages(json, ALBUM, album);
        if (market != null) {
            json.writeBooleanField("is_playable", true);
        }
        json.writeStringField("name", title(random));
        int year = 1955 + random.nextInt(71);
        // old catalogue imports often lack a release date altogether
        if (year >= 1970 || random.nextInt(2) == 0) {
            int precision = year < 1990 ? random.nextInt(2) : 2;
            String date = switch (precision) {
                case 0 -> Integer.toString(year);
                case 1 -> String.format("%d-%02d", year, 1 + random.nextInt(12));
                default -> String.format("%d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
            };
            json.writeStringField("release_date", date);
            json.writeStringField("release_date_precision", precision == 0 ? "year" : precision == 1 ? "month" : "day");
        }
        json.writeNumberField("total_tracks", 1 + random.nextInt(20));
        json.writeStringField("type", "album");
        json.writeStringField("uri", "spotify:album:" + id);
        json.writeEndObject();
    }

    private void writeSimplifiedArtist(JsonGenerator json, int artist) throws IOException {
        String id = id(ARTIST, artist);
        json.writeStartObject();
        writeLinks(json, "artist", id);
        json.writeStringField("name", artistName(random(ARTIST, artist)));
        json.writeStringField("type", "artist");
        json.writeStringField("uri", "spotify:artist:" + id);
        json.writeEndObject();
    }

    private void writeArtist(JsonGenerator json, int index) throws IOException {
        Artist artist = artist(index);
        json.writeStartObject();
        json.writeObjectFieldStart("external_urls");
        json.writeStringField("spotify", artist.url());
        json.writeEndObject();
        if (artist.followers() != null) {
            json.writeObjectFieldStart("followers");
            json.writeNullField("href");
            json.writeNumberField("total", artist.followers());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("genres");
        for (String genre : artist.genres()) {
            json.writeString(genre);
        }
        json.writeEndArray();
        json.writeStringField("href", API + "artists/" + artist.id());
        json.writeStringField("id", artist.id());
        writeImages(json, ARTIST, index);
        json.writeStringField("name", artist.name());
        json.writeNumberField("popularity", artist.popularity());
        json.writeStringField("type", "artist");
        json.writeStringField("uri", "spotify:artist:" + artist.id());
        json.writeEndObject();
    }

    private void writeAudioFeatures(JsonGenerator json, long track) throws IOException {
        SplittableRandom random = random(TRACK, track).split();
        String id = id(TRACK, track);
        json.writeStartObject();
        writeMeasure(json, "danceability", round(random.nextDouble(), 3));
        writeMeasure(json, "energy", round(random.nextDouble(), 3));
        // -1: no key detected
        json.writeNumberField("key", random.nextInt(60) == 0 ? -1 : random.nextInt(12));
        writeMeasure(json, "loudness", round(-random.nextDouble(0, 30), 3));
        json.writeNumberField("mode", random.nextInt(2));
        writeMeasure(json, "speechiness", round(random.nextDouble(0.02, 0.5), 4));
        writeMeasure(json, "acousticness", random.nextInt(30) == 0 ? 1 : significant(random.nextDouble(), 3));
        int vocals = random.nextInt(10);
        writeMeasure(json, "instrumentalness", vocals < 4 ? 0 : vocals < 7 ? significant(random.nextDouble() * 1e-4, 3)
                : significant(random.nextDouble(), 3));
        writeMeasure(json, "liveness", round(random.nextDouble(0.02, 0.9), 4));
        writeMeasure(json, "valence", round(random.nextDouble(), 3));
        writeMeasure(json, "tempo", random.nextInt(8) == 0 ? 60 + random.nextInt(120) : round(random.nextDouble(60, 200), 3));
        json.writeStringField("type", "audio_features");
        json.writeStringField("id", id);
        json.writeStringField("uri", "spotify:track:" + id);
        json.writeStringField("track_href", API + "tracks/" + id);
        json.writeStringField("analysis_url", API + "audio-analysis/" + id);
        json.writeNumberField("duration_ms", 90_000 + random.nextInt(300_000));
        json.writeNumberField("time_signature", 3 + random.nextInt(3));
        json.writeEndObject();
    }

    /** Spotify writes whole numbers as JSON integers and the others in plain notation (0.0000309). */
    private static void writeMeasure(JsonGenerator json, String field, double value) throws IOException {
        json.writeFieldName(field);
        if (value == Math.rint(value)) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
        }
    }

    private void writeImages(JsonGenerator json, int kind, long index) throws IOException {
        boolean sizeless = random(IMAGE, index * 8 + kind).nextInt(20) == 0;
        json.writeArrayFieldStart("images");
        int[] sizes = {640, 300, 64};
        for (int i = 0; i < sizes.length; i++) {
            json.writeStartObject();
            json.writeStringField("url", imageUrl(kind, index, i));
            if (sizeless) {
                json.writeNullField("height");
                json.writeNullField("width");
            } else {
                json.writeNumberField("height", sizes[i]);
                json.writeNumberField("width", sizes[i]);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeLinks(JsonGenerator json, String type, String id) throws IOException {
        json.writeObjectFieldStart("external_urls");
        json.writeStringField("spotify", WEB + type + "/" + id);
        json.writeEndObject();
        json.writeStringField("href", API + type + "s/" + id);
        json.writeStringField("id", id);
    }

    private static void writeMarkets(JsonGenerator json, SplittableRandom random) throws IOException {
        int missing = random.nextInt(MARKETS.length);
        json.writeArrayFieldStart("available_markets");
        for (int i = 0; i < MARKETS.length; i++) {
            if (i != missing || random.nextInt(4) != 0) {
                json.writeString(MARKETS[i]);
            }
        }
        json.writeEndArray();
    }

    // ---- derived values

    private String imageUrl(int kind, long index, int size) {
        return "https://i.scdn.co/image/ab67616d0000" + hex(random(IMAGE, (index * 8 + kind) * 4 + size), 24);
    }

    private static String artistName(SplittableRandom random) {
        StringBuilder name = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
        if (random.nextInt(3) == 0) {
            name.insert(0, "The " + WORDS[random.nextInt(WORDS.length)] + " ");
        }
        return name.toString();
    }

    private static String title(SplittableRandom random) {
        return WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
    }

    private static String isrc(SplittableRandom random) {
        return MARKETS[random.nextInt(MARKETS.length)] + SpotifyIds.random(random, 3).toUpperCase()
                + String.format("%02d%05d", random.nextInt(100), random.nextInt(100_000));
    }

    private static String hex(SplittableRandom random, int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private static double significant(double value, int digits) {
        return new BigDecimal(value).round(new java.math.MathContext(digits)).doubleValue();
    }

    private String id(int kind, long index) {
        return SpotifyIds.encode(index, key(kind), random(kind, index));
    }

    private long index(int kind, String id, long count) {
        if (!SpotifyIds.isWellFormed(id)) {
            return -1;
        }
        long index = SpotifyIds.decode(id, key(kind));
        return index < count && id(kind, index).equals(id) ? index : -1;
    }

    private long key(int kind) {
        return random(kind, -1).nextLong(1L << 35);
    }

    private SplittableRandom random(int kind, long index) {
        return new SplittableRandom(mix(mix(seed * 0x9E3779B97F4A7C15L + kind) ^ index * 0xC2B2AE3D27D4EB4FL));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private int requireArtist(String artistId) {
        int index = artistIndex(artistId);
        if (index < 0) {
            throw new IllegalArgumentException("not an artist of this catalog: " + artistId);
        }
        return index;
    }

    private void checkArtist(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("artist " + index + " of " + size);
        }
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
