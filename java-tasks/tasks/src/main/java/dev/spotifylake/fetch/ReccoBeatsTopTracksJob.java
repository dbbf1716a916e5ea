package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.reccobeats.ReccoBeatsClient;
import dev.spotifylake.spotify.SpotifyId;

/**
 * The tracks of every artist of the dt's snapshot, from ReccoBeats, in two stages. First the artists are looked
 * up, {@code GET artist?ids=...} with 40 Spotify ids a request, each found artist matched by the Spotify id inside
 * its {@code href} (never by position); an artist not found goes to failures. Then every page of each found
 * artist's tracks, {@code GET artist/{ReccoBeats id}/track?page=P&size=50}, up to {@code maxPages} pages (the rest
 * is left out, logged and counted). One call is one artist: its pages are written together, in page order, or
 * the artist fails whole. ReccoBeats has no top tracks: the ranking per market happens downstream, over these pages.
 *
 * <p>Envelopes: a lookup line {@code {"endpoint": "artist", "ids": [...]}}, a page line
 * {@code {"endpoint": "artist/track", "artist_id", "reccobeats_id", "page"}}.
 */
record ReccoBeatsTopTracksJob(DayArtists artists, int maxPages) implements FetchJob {
    static final String LOOKUP_ENDPOINT = "artist";
    static final String PAGE_ENDPOINT = "artist/track";
    static final String NOT_FOUND = "not found at ReccoBeats";
    /** The largest page ReccoBeats serves. */
    static final int PAGE_SIZE = 50;
    private static final Logger log = LoggerFactory.getLogger(ReccoBeatsTopTracksJob.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ARTIST_HREF = Pattern.compile("https?://open\\.spotify\\.com/artist/([^/?#]+)/?(?:[?#].*)?");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    ReccoBeatsTopTracksJob {
        requireNonNull(artists, "artists is null");
    }

    @Override
    public Source source() {
        return Source.RECCOBEATS;
    }

    /** The lookups of the snapshot's artists, 40 sorted ids a request. */
    @Override
    public FetchPlan plan() {
        TreeSet<String> ids = artists.ids();
        CheckedIds checked = CheckedIds.of(ids, "artist_id");
        List<FetchCall> calls = new ArrayList<>();
        for (List<String> batch : checked.batches(ReccoBeatsClient.IDS_PER_REQUEST)) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("endpoint", LOOKUP_ENDPOINT);
            envelope.put("ids", List.copyOf(batch));
            calls.add(new FetchCall("artist?ids=" + String.join(",", batch), envelope,
                    batch.stream().map(id -> Map.<String, Object>of("artist_id", id)).toList()));
        }
        int lookupsPerPart = Math.max(1, artists.artistsPerPart() / ReccoBeatsClient.IDS_PER_REQUEST);
        return new FetchPlan(Chunk.cut(calls, lookupsPerPart), checked.invalid(), artists.input(ids));
    }

    /** After the lookups: the pages of every artist found, one call each; the others fail as not found. */
    @Override
    public Optional<FetchPlan> nextStage(FetchPlan done, StageLines answers) {
        if (done.chunks().stream().flatMap(chunk -> chunk.calls().stream())
                .noneMatch(call -> LOOKUP_ENDPOINT.equals(call.envelope().get("endpoint")))) {
            return Optional.empty();
        }
        Map<String, String> found = new TreeMap<>();
        Set<String> asked = new HashSet<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        answers.forEach(line -> {
            Set<String> askedHere = new HashSet<>();
            line.path("ids").forEach(id -> askedHere.add(id.asText()));
            asked.addAll(askedHere);
            for (JsonNode artist : line.path("body").path("content")) {
                String reccoBeatsId = artist.path("id").asText();
                spotifyArtistId(artist).filter(askedHere::contains).filter(id -> !found.containsKey(id))
                        .ifPresent(id -> {
                            if (UUID.matcher(reccoBeatsId).matches()) {
                                found.put(id, reccoBeatsId);
                            } else {
                                failures.add(Failures.of(Map.of("artist_id", id), null, "ReccoBeats answered an "
                                        + "artist id that is not a UUID: '" + reccoBeatsId + "'; no request was sent"));
                            }
                        });
            }
        });
        Set<String> failed = new HashSet<>();
        failures.forEach(failure -> failed.add((String) failure.get("artist_id")));
        new TreeSet<>(asked).stream().filter(id -> !found.containsKey(id) && !failed.contains(id))
                .forEach(id -> failures.add(Failures.of(Map.of("artist_id", id), null, NOT_FOUND)));
        List<FetchCall> calls = new ArrayList<>();
        found.forEach((spotifyId, reccoBeatsId) -> calls.add(page(spotifyId, reccoBeatsId, 0)));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("artists_found", found.size());
        input.put("max_pages", maxPages);
        if (!failures.isEmpty()) {
            log.info("{} of {} artists are not known to ReccoBeats: listed in {}", failures.size(), asked.size(),
                    LakePaths.FAILURES_FILE);
        }
        return Optional.of(new FetchPlan(Chunk.cut(calls, artists.artistsPerPart(), done.nextChunkNumber()), failures, input));
    }

    /** After an artist's first page: its other pages, up to {@code maxPages} in all. */
    @Override
    public List<FetchCall> followUps(FetchCall request, byte[] body) {
        if (!isFirstPage(request)) {
            return List.of();
        }
        int totalPages = read(body).path("totalPages").asInt(1);
        String artistId = (String) request.envelope().get("artist_id");
        if (totalPages > maxPages) {
            log.info("artist {} has {} pages of tracks at ReccoBeats: reading the first {} (--reccobeats-max-pages)",
                    artistId, totalPages, maxPages);
        }
        List<FetchCall> pages = new ArrayList<>();
        for (int page = 1; page < Math.min(totalPages, maxPages); page++) {
            pages.add(page(artistId, (String) request.envelope().get("reccobeats_id"), page));
        }
        return pages;
    }

    @Override
    public Map<String, Long> count(FetchCall request, byte[] body) {
        if (!PAGE_ENDPOINT.equals(request.envelope().get("endpoint"))) {
            return Map.of();
        }
        JsonNode page = read(body);
        Map<String, Long> counts = new TreeMap<>();
        counts.put("pages", 1L);
        counts.put("tracks", (long) page.path("content").size());
        if (isFirstPage(request)) {
            counts.put("artists_truncated", page.path("totalPages").asInt(1) > maxPages ? 1L : 0L);
        }
        return counts;
    }

    @Override
    public String refusal(String reason) {
        return ReccoBeatsRefusal.why(reason);
    }

    @Override
    public TaskException forbidden(String reason) {
        return ReccoBeatsRefusal.end(reason);
    }

    private static FetchCall page(String spotifyId, String reccoBeatsId, int page) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("endpoint", PAGE_ENDPOINT);
        envelope.put("artist_id", spotifyId);
        envelope.put("reccobeats_id", reccoBeatsId);
        envelope.put("page", page);
        return new FetchCall("artist/" + reccoBeatsId + "/track?page=" + page + "&size=" + PAGE_SIZE, envelope,
                List.of(Map.of("artist_id", spotifyId)));
    }

    private static boolean isFirstPage(FetchCall request) {
        return PAGE_ENDPOINT.equals(request.envelope().get("endpoint")) && Integer.valueOf(0).equals(request.envelope().get("page"));
    }

    /** The Spotify id inside a ReccoBeats artist's {@code href}, {@code https://open.spotify.com/artist/<id>}. */
    private static Optional<String> spotifyArtistId(JsonNode artist) {
        Matcher matcher = ARTIST_HREF.matcher(artist.path("href").asText(""));
        return matcher.matches() && SpotifyId.isValid(matcher.group(1)) ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static JsonNode read(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the client passes only well-formed JSON bodies", e);
        }
    }
}
