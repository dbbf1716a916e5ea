package dev.spotifylake.flatten;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.reccobeats.TopTracksRanking;
import dev.spotifylake.reccobeats.TopTracksRanking.RankedTrack;

/**
 * ReccoBeats' top tracks of a day, which come as every track of each artist, page by page: the raw records are
 * the tracks on the pages. A track that cannot be ranked or does not fit the table is a reject where it lies (its
 * page line and position); the others are kept per artist until every page is read, then each artist is ranked
 * ({@link TopTracksRanking}) in every market of the day, and each market's ranking is read like an answer of the
 * mapping, {@code {"artist_id", "market", "fetched_at", "body": {"content": [Track...]}}}, tracks in rank order.
 * A track that is in no market's top tracks, or is listed again, is read but makes no row.
 *
 * <p>An artist's pages may lie in several part files, so one reader takes the whole partition, and keeps its
 * valid tracks in memory: ReccoBeats' days are small (its calls are paced for a third party's free service).
 */
final class RankedPages {
    /** Where a page line names the Spotify artist whose tracks it holds; lines without it (artist look-ups) hold no tracks. */
    static final String ARTIST_FIELD = "artist_id";
    private static final String FETCHED_AT_FIELD = "fetched_at";

    private final LineReader lines;
    private final List<String> markets;
    private final Map<String, List<PageTrack>> artists = new TreeMap<>();
    private final Capture capture = new Capture();
    private long kept;

    RankedPages(LineReader lines, List<String> markets) {
        this.lines = requireNonNull(lines, "lines is null");
        this.markets = List.copyOf(markets);
        if (this.markets.isEmpty()) {
            throw new IllegalArgumentException("no markets to rank the top tracks in");
        }
    }

    /**
     * Reads one raw line whose first token is the parser's current one: a page's tracks are kept or rejected, an
     * artist look-up is skipped. Answers the raw records the line held (its tracks).
     */
    int read(JsonParser json, LineReader.Sink sink) throws IOException {
        JsonNode line = json.readValueAsTree();
        if (line == null || !line.isObject() || !line.has(ARTIST_FIELD)) {
            return 0;
        }
        JsonNode tracks = line.path("body").path("content");
        if (!tracks.isArray()) {
            sink.reject(0, "body.content: missing, expected the page's array of tracks");
            return 1;
        }
        int page = line.path("body").path("page").asInt(0);
        for (int i = 0; i < tracks.size(); i++) {
            JsonNode track = tracks.get(i);
            Optional<String> problem = TopTracksRanking.problem(track);
            if (problem.isEmpty()) {
                problem = misfit(line, track);
            }
            if (problem.isPresent()) {
                sink.reject(i + 1, problem.get());
            } else {
                artists.computeIfAbsent(line.get(ARTIST_FIELD).asText(), artist -> new ArrayList<>())
                        .add(new PageTrack(page, i, line.get(FETCHED_AT_FIELD), track));
                kept++;
            }
        }
        return tracks.size();
    }

    /** The tracks kept: every raw record is one of them or a reject. */
    long kept() {
        return kept;
    }

    /**
     * Ranks every artist in every market and sends the rows to the sink, artists in id order, markets in the day's
     * order. Answers how many distinct tracks made rows.
     */
    long emit(LineReader.Sink sink) throws IOException {
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
        long ranked = 0;
        for (Map.Entry<String, List<PageTrack>> artist : artists.entrySet()) {
            List<PageTrack> pages = artist.getValue();
            pages.sort(Comparator.comparingInt(PageTrack::page).thenComparingInt(PageTrack::position));
            JsonNode fetchedAt = pages.get(pages.size() - 1).fetchedAt();
            Map<String, List<RankedTrack>> top = TopTracksRanking.rank(pages.stream().map(PageTrack::track).toList(), markets);
            for (Map.Entry<String, List<RankedTrack>> market : top.entrySet()) {
                if (!market.getValue().isEmpty()) {
                    read(answer(artist.getKey(), market.getKey(), fetchedAt,
                            market.getValue().stream().map(RankedTrack::track).toList()), rows);
                }
            }
            ranked += top.values().stream().flatMap(List::stream).map(RankedTrack::trackId).distinct().count();
        }
        return ranked;
    }

    /** Why the track would not make a row, read as the mapping reads it (a wrong type, a missing title...). */
    private Optional<String> misfit(JsonNode line, JsonNode track) throws IOException {
        capture.problem = null;
        read(answer(line.get(ARTIST_FIELD).asText(), markets.get(0), line.get(FETCHED_AT_FIELD), List.of(track)), capture);
        return Optional.ofNullable(capture.problem);
    }

    private void read(JsonNode answer, LineReader.Sink sink) throws IOException {
        try (JsonParser json = answer.traverse(RawPartStream.JSON)) {
            json.nextToken();
            lines.read(json, sink);
        }
    }

    private static JsonNode answer(String artist, String market, JsonNode fetchedAt, List<JsonNode> tracks) {
        ObjectNode answer = RawPartStream.JSON.createObjectNode();
        answer.put(ARTIST_FIELD, artist);
        answer.put("market", market);
        answer.set(FETCHED_AT_FIELD, fetchedAt);
        answer.putObject("body").putArray("content").addAll(tracks);
        return answer;
    }

    /** A kept track, where it was listed, and when its page was fetched. */
    private record PageTrack(int page, int position, JsonNode fetchedAt, JsonNode track) {
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
