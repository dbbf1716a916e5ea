package dev.spotifylake.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.spotifylake.simulator.catalog.AudioFeatures;
import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.simulator.catalog.SpotifyJson;
import dev.spotifylake.simulator.catalog.TrackInMarket;

/**
 * Raw lines as ingest writes them, around bodies of the Spotify simulator's catalog: real-shaped answers with
 * the drift of real ones (integers in double fields, missing release dates, sizeless images, unknown ids).
 */
public final class SimulatedRaw {
    public static final String FETCHED_AT = "2026-11-20T08:00:01.123Z";

    private final Catalog catalog;

    public SimulatedRaw(long seed, int artists) {
        this.catalog = new Catalog(seed, artists);
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The raw line of artist {@code index}'s top-tracks answer in a market. */
    public String topTracksLine(int index, String market) {
        String id = catalog.artistId(index);
        byte[] body = SpotifyJson.topTracks(catalog.topTracks(catalog.artist(index), market));
        return "{\"artist_id\":\"" + id + "\",\"market\":\"" + market + "\",\"fetched_at\":\"" + FETCHED_AT
                + "\",\"request\":{\"method\":\"GET\",\"path\":\"/v1/artists/" + id + "/top-tracks?market=" + market
                + "\"},\"status\":200,\"body\":" + new String(body, StandardCharsets.UTF_8) + "}";
    }

    /** Top-tracks lines of artists {@code from} (inclusive) to {@code to} (exclusive). */
    public List<String> topTracksLines(int from, int to, String market) {
        List<String> lines = new ArrayList<>();
        for (int index = from; index < to; index++) {
            lines.add(topTracksLine(index, market));
        }
        return lines;
    }

    /** The track ids of artist {@code index}'s top tracks. */
    public List<String> topTrackIds(int index, String market) {
        return catalog.topTracks(catalog.artist(index), market).stream().map(TrackInMarket::track)
                .map(track -> track.id()).toList();
    }

    /** The raw line of an audio-features answer for the ids; ids the catalog does not know answer null. */
    public String audioFeaturesLine(List<String> ids) {
        List<AudioFeatures> features = ids.stream().map(id -> catalog.audioFeatures(id).orElse(null)).toList();
        String body = new String(SpotifyJson.audioFeatures(features), StandardCharsets.UTF_8);
        return "{\"ids\":[" + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "],\"fetched_at\":\""
                + FETCHED_AT + "\",\"request\":{\"method\":\"GET\",\"path\":\"/v1/audio-features?ids="
                + String.join(",", ids) + "\"},\"status\":200,\"body\":" + body + "}";
    }
}
