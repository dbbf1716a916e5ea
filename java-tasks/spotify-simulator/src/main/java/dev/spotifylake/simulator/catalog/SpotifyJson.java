package dev.spotifylake.simulator.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Spotify's answers for catalog entities, in the shapes of Spotify's OpenAPI description and the field order of real
 * answers. Streaming (no object tree), so the simulator and the benchmarks that generate millions of records from
 * it stay cheap.
 */
public final class SpotifyJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String API = "https://api.spotify.com/v1/";
    private static final String OPEN = "https://open.spotify.com/";

    private SpotifyJson() {
    }

    /** The body of GET /v1/artists/{id}/top-tracks?market=XX. */
    public static byte[] topTracks(List<TrackInMarket> tracks) {
        return list("tracks", tracks, SpotifyJson::writeTrack);
    }

    /** The body of GET /v1/artists/{id}. */
    public static byte[] artist(Artist artist) {
        return write(json -> writeArtist(json, artist));
    }

    /** The body of GET /v1/artists?ids=...: a null entry stands for an id Spotify does not know. */
    public static byte[] artists(List<Artist> artists) {
        return list("artists", artists, SpotifyJson::writeArtist);
    }

    /** The body of GET /v1/audio-features?ids=...: a null entry stands for an id without features. */
    public static byte[] audioFeatures(List<AudioFeatures> features) {
        return list("audio_features", features, SpotifyJson::writeFeatures);
    }

    /** {@code {"name": [...]}}, the shape of list answers. */
    static <T> byte[] list(String name, List<T> items, Item<T> item) {
        return write(json -> {
            json.writeStartObject();
            writeArray(json, name, items, item);
            json.writeEndObject();
        });
    }

    /** {@code "name": [...]} where a null item is written as JSON null. */
    static <T> void writeArray(JsonGenerator json, String name, List<T> items, Item<T> item) throws IOException {
        json.writeArrayFieldStart(name);
        for (T value : items) {
            if (value == null) {
                json.writeNull();
            } else {
                item.writeTo(json, value);
            }
        }
        json.writeEndArray();
    }

    private static void writeTrack(JsonGenerator json, TrackInMarket inMarket) throws IOException {
        Track track = inMarket.track();
        json.writeStartObject();
        json.writeFieldName("album");
        writeAlbum(json, track.album());
        writeArray(json, "artists", track.artists(), SpotifyJson::writeArtistRef);
        // available_markets is absent: Spotify leaves it out when the request names a market
        json.writeNumberField("disc_number", track.discNumber());
        json.writeNumberField("duration_ms", track.durationMs());
        json.writeBooleanField("explicit", track.explicit());
        json.writeObjectFieldStart("external_ids");
        json.writeStringField("isrc", track.isrc());
        json.writeEndObject();
        writeExternalUrl(json, "track", track.id());
        writeHrefAndId(json, "track", track.id());
        json.writeBooleanField("is_local", false);
        json.writeBooleanField("is_playable", inMarket.playable());
        if (inMarket.linkedFromId() != null) {
            json.writeObjectFieldStart("linked_from");
            writeExternalUrl(json, "track", inMarket.linkedFromId());
            writeHrefAndId(json, "track", inMarket.linkedFromId());
            writeTypeAndUri(json, "track", inMarket.linkedFromId());
            json.writeEndObject();
        }
        if (inMarket.restriction() != null) {
            json.writeObjectFieldStart("restrictions");
            json.writeStringField("reason", inMarket.restriction());
            json.writeEndObject();
        }
        json.writeStringField("name", track.name());
        json.writeNumberField("popularity", track.popularity());
        json.writeStringField("preview_url", track.previewUrl());
        json.writeNumberField("track_number", track.trackNumber());
        writeTypeAndUri(json, "track", track.id());
        json.writeEndObject();
    }

    private static void writeAlbum(JsonGenerator json, Album album) throws IOException {
        json.writeStartObject();
        json.writeStringField("album_type", album.albumType());
        writeArray(json, "artists", List.of(album.artist()), SpotifyJson::writeArtistRef);
        writeExternalUrl(json, "album", album.id());
        writeHrefAndId(json, "album", album.id());
        writeArray(json, "images", album.images(), SpotifyJson::writeImage);
        json.writeStringField("name", album.name());
        if (album.releaseDate() != null) {
            json.writeStringField("release_date", album.releaseDate());
        }
        json.writeStringField("release_date_precision", album.releaseDatePrecision());
        json.writeNumberField("total_tracks", album.totalTracks());
        writeTypeAndUri(json, "album", album.id());
        json.writeEndObject();
    }

    private static void writeArtist(JsonGenerator json, Artist artist) throws IOException {
        json.writeStartObject();
        writeExternalUrl(json, "artist", artist.id());
        if (artist.followers() != null) {
            json.writeObjectFieldStart("followers");
            json.writeNullField("href");
            json.writeNumberField("total", artist.followers());
            json.writeEndObject();
        }
        writeArray(json, "genres", artist.genres(), JsonGenerator::writeString);
        writeHrefAndId(json, "artist", artist.id());
        writeArray(json, "images", artist.images(), SpotifyJson::writeImage);
        json.writeStringField("name", artist.name());
        json.writeNumberField("popularity", artist.popularity());
        writeTypeAndUri(json, "artist", artist.id());
        json.writeEndObject();
    }

    private static void writeArtistRef(JsonGenerator json, ArtistRef artist) throws IOException {
        json.writeStartObject();
        writeExternalUrl(json, "artist", artist.id());
        writeHrefAndId(json, "artist", artist.id());
        json.writeStringField("name", artist.name());
        writeTypeAndUri(json, "artist", artist.id());
        json.writeEndObject();
    }

    private static void writeImage(JsonGenerator json, Image image) throws IOException {
        json.writeStartObject();
        json.writeStringField("url", image.url());
        writeNullableInt(json, "height", image.height());
        writeNullableInt(json, "width", image.width());
        json.writeEndObject();
    }

    private static void writeFeatures(JsonGenerator json, AudioFeatures features) throws IOException {
        String id = features.trackId();
        json.writeStartObject();
        writeMeasure(json, "danceability", features.danceability());
        writeMeasure(json, "energy", features.energy());
        json.writeNumberField("key", features.key());
        writeMeasure(json, "loudness", features.loudness());
        json.writeNumberField("mode", features.mode());
        writeMeasure(json, "speechiness", features.speechiness());
        writeMeasure(json, "acousticness", features.acousticness());
        writeMeasure(json, "instrumentalness", features.instrumentalness());
        writeMeasure(json, "liveness", features.liveness());
        writeMeasure(json, "valence", features.valence());
        writeMeasure(json, "tempo", features.tempo());
        json.writeStringField("type", "audio_features");
        json.writeStringField("id", id);
        json.writeStringField("uri", "spotify:track:" + id);
        json.writeStringField("track_href", API + "tracks/" + id);
        json.writeStringField("analysis_url", API + "audio-analysis/" + id);
        json.writeNumberField("duration_ms", features.durationMs());
        json.writeNumberField("time_signature", features.timeSignature());
        json.writeEndObject();
    }

    /** As Spotify writes measures: {@code 0} and {@code -7} for whole values, {@code 0.0000309}, never 3.09E-5. */
    static void writeMeasure(JsonGenerator json, String name, BigDecimal value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value.stripTrailingZeros().toPlainString());
    }

    private static void writeExternalUrl(JsonGenerator json, String type, String id) throws IOException {
        json.writeObjectFieldStart("external_urls");
        json.writeStringField("spotify", OPEN + type + "/" + id);
        json.writeEndObject();
    }

    /** A Spotify object's API link and id: {@code "href": ".../v1/tracks/<id>", "id": "<id>"}. */
    private static void writeHrefAndId(JsonGenerator json, String type, String id) throws IOException {
        json.writeStringField("href", API + type + "s/" + id);
        json.writeStringField("id", id);
    }

    /** A Spotify object's closing fields: {@code "type": "track", "uri": "spotify:track:<id>"}. */
    private static void writeTypeAndUri(JsonGenerator json, String type, String id) throws IOException {
        json.writeStringField("type", type);
        json.writeStringField("uri", "spotify:" + type + ":" + id);
    }

    private static void writeNullableInt(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    interface Body {
        void writeTo(JsonGenerator json) throws IOException;
    }

    interface Item<T> {
        void writeTo(JsonGenerator json, T value) throws IOException;
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return bytes.toByteArray();
    }
}
