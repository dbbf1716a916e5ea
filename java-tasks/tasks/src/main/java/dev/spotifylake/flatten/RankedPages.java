package dev.spotifylake.flatten;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.reccobeats.TopTracksRanking;
import dev.spotifylake.reccobeats.TopTracksRanking.RankedTrack;

/**
 * ReccoBeats' top tracks of a day, which come as every track of each artist, page by page: the raw records are
 * the tracks on the pages. A track that cannot be ranked or does not fit the table is a reject where it lies (its
 * page line and position); the others are kept until the artist's last page, then the artist is ranked
 * ({@link TopTracksRanking}) in every market of the day, and each market's ranking is read like an answer of the
 * mapping, {@code {"artist_id", "market", "fetched_at", "body": {"content": [Track...]}}}, tracks in rank order.
 * A track that is in no market's top tracks, or is listed again, is read but makes no row.
 *
 * <p>The fetch writes an artist's pages together, in page order, in one part file: one artist's tracks are in
 * memory at a time, and groups of parts are ranked side by side. Pages of an artist found apart are refused
 * (exit 2): ranked apart, they would give two rankings.
 */
final class RankedPages {
    /** Where a page line names the Spotify artist whose tracks it holds; the artist look-ups have no such field. */
    static final String ARTIST_FIELD = "artist_id";
    private static final String FETCHED_AT_FIELD = "fetched_at";

    /**
     * What every group ranking a day's pages shares.
     *
     * @param markets the markets the top tracks were asked for
     * @param artists the artists whose pages were read, by any group
     */
    record Day(List<String> markets, Set<String> artists) {
        Day {
            markets = List.copyOf(markets);
            if (markets.isEmpty()) {
                throw new IllegalArgumentException("no markets to rank the top tracks in");
            }
            requireNonNull(artists, "artists is null");
        }

        /** A day ranked in the markets given, by groups side by side. */
        static Day of(List<String> markets) {
            return new Day(markets, ConcurrentHashMap.newKeySet());
        }
    }

    private final LineReader lines;
    private final Day day;
    private final String location;
    private final List<JsonNode> tracks = new ArrayList<>();
    private final Capture capture = new Capture();
    private String artist;
    private JsonNode fetchedAt;
    private long kept;
    private long ranked;

    RankedPages(LineReader lines, Day day, String location) {
        this.lines = requireNonNull(lines, "lines is null");
        this.day = requireNonNull(day, "day is null");
        this.location = requireNonNull(location, "location is null");
    }

    /**
     * Reads one raw line whose first token is the parser's current one: a page's tracks are kept or rejected (the
     * rows of the artist before are sent when a new artist's pages begin), an artist look-up is skipped. Answers
     * the raw records the line held (its tracks).
     */
    int read(JsonParser json, LineReader.Sink sink) throws IOException {
        JsonNode line = json.readValueAsTree();
        if (line == null || !line.isObject() || !line.has(ARTIST_FIELD)) {
            return 0;
        }
        JsonNode content = line.path("body").path("content");
        if (!content.isArray()) {
            sink.reject(0, "body.content: missing, expected the page's array of tracks");
            return 1;
        }
        String pageArtist = line.get(ARTIST_FIELD).asText();
        if (!pageArtist.equals(artist)) {
            finish(sink);
            if (!day.artists().add(pageArtist)) {
                throw TaskException.notRetryable(location + ": the pages of artist " + pageArtist + " are not together "
                        + "(ranked apart, they would give two rankings); fetch the partition again with --force");
            }
            artist = pageArtist;
        }
        fetchedAt = line.get(FETCHED_AT_FIELD);
        for (int i = 0; i < content.size(); i++) {
            JsonNode track = content.get(i);
            Optional<String> problem = TopTracksRanking.problem(track);
            if (problem.isEmpty()) {
                problem = misfit(track);
            }
            if (problem.isPresent()) {
                sink.reject(i + 1, problem.get());
            } else {
                tracks.add(track);
                kept++;
            }
        }
        return content.size();
    }

    /** Ranks the artist being read in every market, and sends its rows to the sink. */
    void finish(LineReader.Sink sink) throws IOException {
        if (artist == null) {
            return;
        }
        LineReader.Sink rows = new LineReader.Sink() {
            @Override
            public void row(Object[] values) throws IOException {
                sink.row(values);
            }

            @Override
            public void reject(int position, String reason) {
                throw new IllegalStateException("a ranked track that was read as fitting does not fit: " + reason);
            }
        };
        Map<String, List<RankedTrack>> top = TopTracksRanking.rank(tracks, day.markets());
        for (Map.Entry<String, List<RankedTrack>> market : top.entrySet()) {
            if (!market.getValue().isEmpty()) {
                read(answer(market.getKey(), market.getValue().stream().map(RankedTrack::track).toList()), rows);
            }
        }
        ranked += top.values().stream().flatMap(List::stream).map(RankedTrack::trackId).distinct().count();
        tracks.clear();
        artist = null;
    }

    /** Tracks read that make no row by design: in no market's top tracks, or listed again. */
    long unranked() {
        return kept - ranked;
    }

    /** Why the track would not make a row, read as the mapping reads it (a wrong type, a missing title...). */
    private Optional<String> misfit(JsonNode track) throws IOException {
        capture.problem = null;
        read(answer(day.markets().get(0), List.of(track)), capture);
        return Optional.ofNullable(capture.problem);
    }

    private void read(JsonNode answer, LineReader.Sink sink) throws IOException {
        try (JsonParser json = answer.traverse(RawPartStream.JSON)) {
            json.nextToken();
            lines.read(json, sink);
        }
    }

    /** The artist's ranking in a market as an answer of the mapping; fetched when its last page read so far was. */
    private JsonNode answer(String market, List<JsonNode> ranking) {
        ObjectNode answer = RawPartStream.JSON.createObjectNode();
        answer.put(ARTIST_FIELD, artist);
        answer.put("market", market);
        answer.set(FETCHED_AT_FIELD, fetchedAt);
        answer.putObject("body").putArray("content").addAll(ranking);
        return answer;
    }

    /** Takes a row or the reasons of the one track read through the mapping. */
    private static final class Capture implements LineReader.Sink {
        String problem;

        @Override
        public void row(Object[] values) {
            problem = null;
        }

        @Override
        public void reject(int position, String reason) {
            problem = reason;
        }
    }
}
