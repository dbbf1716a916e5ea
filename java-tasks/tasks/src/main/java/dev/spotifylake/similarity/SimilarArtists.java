package dev.spotifylake.similarity;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Zone;

/**
 * "Artists like this one, and their music": the nearest artists of one artist in the published artist_similarity
 * partition of a dt, with their names from curated artists and their top tracks from curated top_tracks of the
 * same dt, read from the lake directly (no query engine). The artist is named by id or by its name in curated
 * artists, compared without regard to case.
 */
public final class SimilarArtists {
    /** The artist asked about, and its nearest artists, nearest first. */
    public record Answer(String artistId, String name, List<Similar> similar) {
    }

    /** One near artist: its rank, id, name (its id when curated artists lack it), distance and top tracks. */
    public record Similar(int rank, String artistId, String name, double distance, List<String> topTracks) {
    }

    /** How many dates that have the table a dt without it suggests. */
    private static final int NEAREST_DATES = 3;

    private final ObjectStore store;

    public SimilarArtists(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** At most {@code limit} nearest artists, each with at most {@code tracks} of its top tracks. */
    public Answer find(LocalDate dt, String nameOrId, int limit, int tracks) {
        CuratedPartition similarity = CuratedPartition.published(store, Dataset.ARTIST_SIMILARITY, dt)
                .orElseThrow(() -> noPartition(dt));
        Map<String, String> names = names(dt);
        String artistId = resolve(nameOrId, names, dt);
        List<Similar> similar = new ArrayList<>();
        similarity.forEachRow(row -> {
            if (row.get("artist_id").toString().equals(artistId) && (int) row.get("rank") <= limit) {
                String id = row.get("similar_artist_id").toString();
                similar.add(new Similar((int) row.get("rank"), id, names.getOrDefault(id, id), (double) row.get("distance"),
                        List.of()));
            }
        });
        if (similar.isEmpty() && !names.containsKey(artistId)) {
            throw TaskException.notRetryable("no artist of dt=" + dt + " is named '" + nameOrId + "' or has that id: "
                    + "check the spelling, or pass the artist's Spotify id");
        }
        if (similar.isEmpty()) {
            throw TaskException.nothingToDo(names.getOrDefault(artistId, artistId) + " (" + artistId + ") has no similar "
                    + "artists for dt=" + dt + ": it was skipped, and " + LakePaths.partition(Zone.REJECTS,
                    Dataset.ARTIST_SIMILARITY, dt) + " says why");
        }
        similar.sort(Comparator.comparingInt(Similar::rank));
        Map<String, List<String>> topTracks = topTracks(dt, similar.stream().map(Similar::artistId).collect(Collectors.toSet()), tracks);
        return new Answer(artistId, names.getOrDefault(artistId, artistId), similar.stream()
                .map(near -> new Similar(near.rank(), near.artistId(), near.name(), near.distance(),
                        topTracks.getOrDefault(near.artistId(), List.of())))
                .toList());
    }

    /** A dt without artist_similarity: which dates have it, the nearest to dt first, and how to make dt's. */
    private TaskException noPartition(LocalDate dt) {
        List<LocalDate> published = CuratedPartition.publishedDays(store, Dataset.ARTIST_SIMILARITY);
        String make = "run compute-artist-similarity, then load-s3 --dataset artist_similarity, for dt=" + dt
                + " (the DAG runs them once the day's top_tracks and audio_features are loaded)";
        if (published.isEmpty()) {
            return TaskException.nothingToDo("no date has a published artist_similarity partition yet: " + make);
        }
        String nearest = published.stream()
                .sorted(Comparator.comparingLong((LocalDate day) -> Math.abs(ChronoUnit.DAYS.between(dt, day)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(NEAREST_DATES).map(LocalDate::toString).collect(Collectors.joining(", "));
        return TaskException.nothingToDo("no published artist_similarity partition for dt=" + dt + "; the nearest dates "
                + "that have one: " + nearest + " (" + published.size() + " in all). To make it: " + make);
    }

    /** Artist names by id, from curated artists of dt; none when it is not published. */
    private Map<String, String> names(LocalDate dt) {
        Map<String, String> names = new HashMap<>();
        CuratedPartition.published(store, Dataset.ARTISTS, dt).ifPresent(artists -> artists.forEachRow(
                row -> names.put(row.get("artist_id").toString(), row.get("name").toString())));
        return names;
    }

    /**
     * The id the user means: an id of curated artists, else the one artist of that name, else the text itself,
     * which may still be an id of artist_similarity when curated artists are not published.
     */
    private static String resolve(String nameOrId, Map<String, String> names, LocalDate dt) {
        if (names.containsKey(nameOrId)) {
            return nameOrId;
        }
        List<String> named = names.entrySet().stream().filter(entry -> entry.getValue().equalsIgnoreCase(nameOrId))
                .map(Map.Entry::getKey).sorted().toList();
        if (named.size() > 1) {
            throw TaskException.notRetryable(named.size() + " artists of dt=" + dt + " are named '" + nameOrId + "' ("
                    + String.join(", ", named) + "): pass one of these ids with --artist");
        }
        return named.isEmpty() ? nameOrId : named.get(0);
    }

    /** The distinct top tracks of each artist, best rank first (over all markets), then by name. */
    private Map<String, List<String>> topTracks(LocalDate dt, Set<String> artistIds, int tracks) {
        Map<String, Map<String, Integer>> bestRank = new HashMap<>();
        Optional<CuratedPartition> topTracks = CuratedPartition.published(store, Dataset.TOP_TRACKS, dt);
        topTracks.ifPresent(partition -> partition.forEachRow(row -> {
            String artistId = row.get("artist_id").toString();
            if (artistIds.contains(artistId)) {
                bestRank.computeIfAbsent(artistId, id -> new HashMap<>())
                        .merge(row.get("track_name").toString(), (int) row.get("rank"), Math::min);
            }
        }));
        Map<String, List<String>> result = new HashMap<>();
        bestRank.forEach((artistId, ranks) -> result.put(artistId, ranks.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(tracks).map(Map.Entry::getKey).toList()));
        return result;
    }
}
