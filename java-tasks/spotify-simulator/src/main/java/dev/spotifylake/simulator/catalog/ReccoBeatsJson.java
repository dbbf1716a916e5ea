package dev.spotifylake.simulator.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * ReccoBeats' answers, in the shapes and field order of its real ones: lists wrapped in {@code {"content": [...]}},
 * Spotify ids only inside {@code href} links, measures written as Spotify's are.
 */
public final class ReccoBeatsJson {
    private static final String OPEN = "https://open.spotify.com/";

    private ReccoBeatsJson() {
    }

    /** The body of GET /v1/artist?ids=... */
    public static byte[] artists(List<ReccoBeatsArtist> artists) {
        return SpotifyJson.list("content", artists, ReccoBeatsJson::writeArtist);
    }

    /** The body of GET /v1/track?ids=... */
    public static byte[] tracks(List<ReccoBeatsTrack> tracks) {
        return SpotifyJson.list("content", tracks, ReccoBeatsJson::writeTrack);
    }

    /** The body of GET /v1/audio-features?ids=... */
    public static byte[] audioFeatures(List<ReccoBeatsFeatures> features) {
        return SpotifyJson.list("content", features, ReccoBeatsJson::writeFeatures);
    }

    /** The body of GET /v1/artist/{id}/track?page=P&amp;size=S. */
    public static byte[] page(ReccoBeatsPage page) {
        return SpotifyJson.write(json -> {
            json.writeStartObject();
            SpotifyJson.writeArray(json, "content", page.content(), ReccoBeatsJson::writeTrack);
            json.writeNumberField("page", page.page());
            json.writeNumberField("size", page.size());
            json.writeNumberField("totalElements", page.totalElements());
            json.writeNumberField("totalPages", page.totalPages());
            json.writeEndObject();
        });
    }

    private static void writeArtist(JsonGenerator json, ReccoBeatsArtist artist) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", artist.id());
        json.writeStringField("name", artist.name());
        json.writeStringField("href", OPEN + "artist/" + artist.spotifyId());
        json.writeEndObject();
    }

    private static void writeTrack(JsonGenerator json, ReccoBeatsTrack track) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", track.id());
        json.writeStringField("trackTitle", track.title());
        SpotifyJson.writeArray(json, "artists", track.artists(), ReccoBeatsJson::writeArtist);
        json.writeNumberField("durationMs", track.durationMs());
        json.writeStringField("isrc", track.isrc());
        json.writeStringField("ean", track.ean());
        json.writeStringField("upc", track.upc());
        json.writeStringField("href", OPEN + "track/" + track.spotifyId());
        json.writeStringField("availableCountries", track.availableCountries());
        json.writeNumberField("popularity", track.popularity());
        json.writeEndObject();
    }

    private static void writeFeatures(JsonGenerator json, ReccoBeatsFeatures features) throws IOException {
        AudioFeatures measures = features.measures();
        json.writeStartObject();
        json.writeStringField("id", features.id());
        json.writeStringField("href", OPEN + "track/" + measures.trackId());
        if (features.isrc() != null) {
            json.writeStringField("isrc", features.isrc());
        }
        SpotifyJson.writeMeasure(json, "acousticness", measures.acousticness());
        SpotifyJson.writeMeasure(json, "danceability", measures.danceability());
        SpotifyJson.writeMeasure(json, "energy", measures.energy());
        SpotifyJson.writeMeasure(json, "instrumentalness", measures.instrumentalness());
        json.writeNumberField("key", measures.key());
        SpotifyJson.writeMeasure(json, "liveness", measures.liveness());
        SpotifyJson.writeMeasure(json, "loudness", measures.loudness());
        json.writeNumberField("mode", measures.mode());
        SpotifyJson.writeMeasure(json, "speechiness", measures.speechiness());
        SpotifyJson.writeMeasure(json, "tempo", measures.tempo());
        SpotifyJson.writeMeasure(json, "valence", measures.valence());
        json.writeEndObject();
    }
}
