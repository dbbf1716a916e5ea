package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.spotify.SpotifyId;

/**
 * Top tracks of every artist of the dt's artist snapshot (raw/artists/dt=D/, never MySQL), once per market:
 * {@code GET /v1/artists/{id}/top-tracks?market=XX}. A part holds the answers of a fixed number of artists
 * of the sorted id list.
 */
record TopTracksJob(DayArtists artists) implements FetchJob {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    TopTracksJob {
        requireNonNull(artists, "artists is null");
    }

    @Override
    public Source source() {
        return Source.SPOTIFY;
    }

    @Override
    public FetchPlan plan() {
        TreeSet<String> ids = artists.ids();
        List<FetchCall> calls = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (String id : ids) {
            for (String market : artists.markets()) {
                Map<String, Object> subject = new LinkedHashMap<>();
                subject.put("artist_id", id);
                subject.put("market", market);
                if (SpotifyId.isValid(id)) {
                    calls.add(new FetchCall("artists/" + id + "/top-tracks?market=" + market, subject, List.of(subject)));
                } else {
                    invalid.add(Failures.of(subject, null, Failures.INVALID_ID));
                }
            }
        }
        return new FetchPlan(Chunk.cut(calls, artists.artistsPerPart() * artists.markets().size()), invalid,
                artists.input(ids));
    }

    @Override
    public Map<String, Long> count(FetchCall request, byte[] body) {
        try {
            return Map.of("tracks", (long) MAPPER.readTree(body).path("tracks").size());
        } catch (IOException e) {
            throw new IllegalStateException("the client passes only well-formed JSON bodies", e);
        }
    }

    @Override
    public String refusal(String reason) {
        return "Spotify answered 403 Forbidden to GET /v1/artists/{id}/top-tracks (" + reason + "). Since February "
                + "2026 Spotify serves artists' top tracks only to apps in Extended Quota Mode; apps in Development "
                + "Mode get 403.";
    }

    @Override
    public TaskException forbidden(String reason) {
        return TaskException.notRetryable(refusal(reason) + " Apply for Extended Quota Mode for this app in the "
                + "Spotify Developer Dashboard, or use the credentials of an app that has it "
                + "(SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET), or take top tracks from ReccoBeats (--source auto or "
                + "reccobeats). A retry cannot help.");
    }
}
