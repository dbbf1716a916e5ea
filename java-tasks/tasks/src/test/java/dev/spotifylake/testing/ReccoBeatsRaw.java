package dev.spotifylake.testing;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.reccobeats.TopTracksRanking;

/**
 * A deterministic day of ReccoBeats raw answers in the documented shapes, written as a fetch with
 * {@code --source reccobeats} leaves them: a look-up of the artists ({@code GET /artist?ids=}), then each artist's
 * tracks page by page ({@code GET /artist/{id}/track?page=P&size=50}; some artists over several pages, a track
 * listed again on a later page, not every track in every market), and the audio features of the day's top tracks
 * ({@code GET /audio-features?ids=}, entries in another order, some ids left out). The manifests say
 * {@code "source": "reccobeats"} and name the markets.
 */
public final class ReccoBeatsRaw {
    public static final String FETCHED_AT = "2026-11-20T08:00:01.123Z";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 50;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final List<String> markets;
    private final List<String> artistIds = new ArrayList<>();
    private final Map<String, List<JsonNode>> pagesByArtist = new LinkedHashMap<>();

    /** {@code artists} artists of 20 to 160 tracks each (seeded), in the markets given. */
    public ReccoBeatsRaw(int artists, List<String> markets, long seed) {
        this.markets = List.copyOf(markets);
        Random random = new Random(seed);
        for (int artist = 0; artist < artists; artist++) {
            String artistId = spotifyId(random);
            artistIds.add(artistId);
            int count = 20 + random.nextInt(141);
            List<ObjectNode> tracks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tracks.add(track(random, artistId, i));
            }
            // a real page was sorted by Spotify track id, not by popularity
            tracks.sort((a, b) -> a.get("href").asText().compareTo(b.get("href").asText()));
            if (count > PAGE_SIZE) {
                // the paging of a changing list shows a track again on the next page
                tracks.add(PAGE_SIZE, tracks.get(PAGE_SIZE - 1).deepCopy());
            }
            List<JsonNode> pages = new ArrayList<>();
            int totalPages = (tracks.size() + PAGE_SIZE - 1) / PAGE_SIZE;
            for (int page = 0; page < totalPages; page++) {
                ObjectNode body = JSON.createObjectNode();
                body.putArray("content").addAll(tracks.subList(page * PAGE_SIZE, Math.min(tracks.size(), (page + 1) * PAGE_SIZE)));
                body.put("page", page).put("size", PAGE_SIZE).put("totalElements", tracks.size()).put("totalPages", totalPages);
                pages.add(envelope(Map.of("endpoint", "artist/track", "artist_id", artistId, "reccobeats_id", uuid(random),
                        "page", page),
                        "/v1/artist/" + uuid(random) + "/track?page=" + page + "&size=" + PAGE_SIZE, body));
            }
            pagesByArtist.put(artistId, pages);
        }
    }

    public List<String> markets() {
        return markets;
    }

    public List<String> artistIds() {
        return artistIds;
    }

    /** Every track of an artist, in page order, as the ranking takes them. */
    public List<JsonNode> tracks(String artistId) {
        List<JsonNode> tracks = new ArrayList<>();
        pagesByArtist.get(artistId).forEach(page -> page.path("body").path("content").forEach(tracks::add));
        return tracks;
    }

    /** The Spotify ids of the day's top tracks, each once: what the audio-features fetch asks for. */
    public List<String> topTrackIds() {
        return artistIds.stream().flatMap(artist -> TopTracksRanking.topTrackIds(tracks(artist), markets).stream())
                .distinct().sorted().toList();
    }

    /**
     * Writes the top_tracks partition: the artist look-ups, then the pages, in {@code parts} part files, each
     * artist's pages together in one of them, as the fetch writes them.
     */
    public void writeTopTracks(ObjectStore store, LocalDate dt, int parts) {
        List<List<String>> files = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            files.add(new ArrayList<>());
        }
        ObjectNode lookup = JSON.createObjectNode();
        ArrayNode found = lookup.putArray("content");
        artistIds.forEach(id -> found.addObject().put("id", uuid(new Random(id.hashCode()))).put("name", "Artist " + id)
                .put("href", "https://open.spotify.com/artist/" + id));
        files.get(0).add(text(envelope(Map.of("endpoint", "artist", "ids", artistIds),
                "/v1/artist?ids=" + String.join(",", artistIds), lookup)));
        long tracks = 0;
        int artist = 0;
        for (List<JsonNode> pages : pagesByArtist.values()) {
            for (JsonNode page : pages) {
                files.get(artist * parts / artistIds.size()).add(text(page));
                tracks += page.path("body").path("content").size();
            }
            artist++;
        }
        Map<String, Object> manifest = manifest(dt, Dataset.TOP_TRACKS, Map.of("artists", artistIds.size(), "markets", markets),
                Map.of("tracks", tracks));
        RawDay.write(store, Dataset.TOP_TRACKS, dt, files, manifest);
    }

    /**
     * Writes the audio_features partition for the day's top tracks, 40 ids a call; every seventh id is unknown to
     * ReccoBeats (left out of the answer) and entries come back in reverse order. Answers the ids left out.
     */
    public List<String> writeAudioFeatures(ObjectStore store, LocalDate dt) {
        List<String> ids = topTrackIds();
        List<String> lines = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Random random = new Random(ids.size());
        for (int from = 0; from < ids.size(); from += 40) {
            List<String> asked = ids.subList(from, Math.min(ids.size(), from + 40));
            List<JsonNode> entries = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                if ((from + i) % 7 == 3) {
                    unknown.add(asked.get(i));
                } else {
                    entries.add(features(random, asked.get(i)));
                }
            }
            Collections.reverse(entries);
            ObjectNode body = JSON.createObjectNode();
            body.putArray("content").addAll(entries);
            lines.add(text(envelope(Map.of("ids", asked), "/v1/audio-features?ids=" + String.join(",", asked), body)));
        }
        Map<String, Object> manifest = manifest(dt, Dataset.AUDIO_FEATURES, Map.of("track_ids", ids.size()),
                Map.of("audio_features", (long) ids.size() - unknown.size(), "not_found", (long) unknown.size()));
        RawDay.write(store, Dataset.AUDIO_FEATURES, dt, List.of(lines), manifest);
        return unknown;
    }

    private ObjectNode track(Random random, String artistId, int number) {
        ObjectNode track = JSON.createObjectNode();
        track.put("id", uuid(random));
        track.put("trackTitle", "Track " + number + " of " + artistId);
        track.putArray("artists").addObject().put("id", uuid(random)).put("name", "Artist " + artistId)
                .put("href", "https://open.spotify.com/artist/" + artistId);
        track.put("durationMs", 90_000 + random.nextInt(300_000));
        if (random.nextInt(10) > 0) {
            track.put("isrc", "QZ" + String.format("%010d", random.nextInt(1_000_000_000)));
        }
        track.putNull("ean");
        track.putNull("upc");
        track.put("href", "https://open.spotify.com/track/" + spotifyId(random));
        List<String> available = new ArrayList<>();
        for (String market : markets) {
            if (random.nextInt(4) > 0) {
                available.add(market);
            }
        }
        track.put("availableCountries", String.join(",", available));
        // few distinct values, so that ties are common
        track.put("popularity", random.nextInt(12) * 8);
        return track;
    }

    private static ObjectNode features(Random random, String trackId) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", uuid(random));
        entry.put("href", "https://open.spotify.com/track/" + trackId);
        entry.put("acousticness", random.nextDouble());
        entry.put("danceability", random.nextDouble());
        entry.put("energy", random.nextDouble());
        entry.put("instrumentalness", random.nextInt(3) == 0 ? 0 : random.nextDouble() / 1000);
        entry.put("key", random.nextInt(12));
        entry.put("liveness", random.nextDouble());
        entry.put("loudness", -30 * random.nextDouble());
        entry.put("mode", random.nextInt(2));
        entry.put("speechiness", random.nextDouble());
        entry.put("tempo", 60 + 120 * random.nextDouble());
        entry.put("valence", random.nextDouble());
        return entry;
    }

    private static ObjectNode envelope(Map<String, Object> subject, String path, JsonNode body) {
        ObjectNode line = JSON.valueToTree(subject);
        line.put("fetched_at", FETCHED_AT);
        line.putObject("request").put("method", "GET").put("path", path);
        line.put("status", 200);
        line.set("body", body);
        return line;
    }

    private Map<String, Object> manifest(LocalDate dt, Dataset dataset, Map<String, Object> input, Map<String, Long> counts) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("dataset", dataset.folder());
        manifest.put("dt", dt.toString());
        manifest.put("complete", true);
        manifest.put("source", "reccobeats");
        manifest.put("input", input);
        manifest.put("counts", counts);
        return manifest;
    }

    private static String text(JsonNode line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String spotifyId(Random random) {
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
