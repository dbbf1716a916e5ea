package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.schema.CuratedTables;

/**
 * Loads the published curated top_tracks partition of a dt into the serving table, so that the table holds each
 * artist's latest snapshot. What the table holds is read first (the keys and dts of its items, by a parallel Scan:
 * one pass over the table costs far fewer requests than a Query per artist); an artist with an item of a newer
 * dt is skipped whole, since BatchWriteItem has no conditions; otherwise its tracks are written (one item per
 * track, its markets merged) and its stored tracks that are no longer among them are deleted. The partition is
 * read twice, so that memory holds the artists' track ids and ranks, not their items.
 */
final class TopTracksLoader {
    private static final Logger log = LoggerFactory.getLogger(TopTracksLoader.class);
    private static final String TASK = "load-dynamodb";

    private final ObjectStore lake;
    private final ServingTable table;
    private final Retries retries;
    private final int maxInFlight;
    private final TrackItems items = new TrackItems(CuratedTables.TOP_TRACKS);

    TopTracksLoader(ObjectStore lake, ServingTable table, Retries retries, int maxInFlight) {
        this.lake = requireNonNull(lake, "lake is null");
        this.table = requireNonNull(table, "table is null");
        this.retries = requireNonNull(retries, "retries is null");
        this.maxInFlight = maxInFlight;
    }

    TaskSummary load(LocalDate dt, boolean createTable) {
        CuratedPartition partition = CuratedPartition.published(lake, Dataset.TOP_TRACKS, dt)
                .orElseThrow(() -> TaskException.nothingToDo("no published curated top_tracks partition for dt=" + dt
                        + ": nothing to serve (load-s3 --dataset top_tracks publishes it)"));
        if (partition.publication().schemaVersion() != CuratedTables.TOP_TRACKS.version()) {
            throw TaskException.notRetryable("curated top_tracks dt=" + dt + " has schema version "
                    + partition.publication().schemaVersion() + ", this jar reads " + CuratedTables.TOP_TRACKS.version()
                    + ": re-process the dt with this jar (flatten-to-parquet, load-s3)");
        }
        if (partition.pointer().rows() == 0) {
            return TaskSummary.nothingToDo(TASK, dt).with("table", table.name()).with("items_written", 0);
        }
        table.check(createTable);
        Map<String, Map<String, SortedMap<String, Integer>>> tracks = ranksByArtist(partition);
        try (BoundedRequests requests = new BoundedRequests(maxInFlight)) {
            Plan plan = plan(tracks, storedArtists(tracks.keySet(), requests), dt);
            Batches batches = new Batches(table, requests);
            partition.forEachRow(row -> {
                Map<String, SortedMap<String, Integer>> ofArtist = tracks.get(items.artistId(row));
                SortedMap<String, Integer> ranks = ofArtist == null ? null : ofArtist.remove(items.trackId(row));
                // the track's first row makes its item; its other rows only brought their market and rank
                if (ranks != null) {
                    batches.put(items.item(row, ranks, dt));
                }
            });
            plan.stale().forEach((artistId, ids) -> ids.forEach(id -> batches.delete(TrackItems.key(artistId, id))));
            batches.flush();
            log.info("{} items written and {} deleted in {} for {} artists", batches.written(), batches.deleted(),
                    table.name(), tracks.size());
            return TaskSummary.done(TASK, dt)
                    .with("table", table.name())
                    .with("source", partition.location())
                    .with("rows", partition.pointer().rows())
                    .with("artists", tracks.size())
                    .with("items_written", batches.written())
                    .with("items_deleted", batches.deleted())
                    .with("artists_skipped_older", plan.skippedArtists())
                    .with("items_skipped_older", plan.skippedItems())
                    .with("retries", retries.count());
        }
    }

    /**
     * What to do with each artist: the ones the table holds a newer dt of are dropped from {@code tracks} (and
     * counted); the others' stored tracks that are not among theirs now are to be deleted.
     */
    private static Plan plan(Map<String, Map<String, SortedMap<String, Integer>>> tracks, StoredArtists stored,
            LocalDate dt) {
        Map<String, Set<String>> stale = new HashMap<>();
        int skippedArtists = 0;
        long skippedItems = 0;
        for (String artistId : List.copyOf(tracks.keySet())) {
            if (stored.latestDt(artistId).compareTo(dt.toString()) > 0) {
                skippedItems += tracks.remove(artistId).size();
                skippedArtists++;
                continue;
            }
            Set<String> gone = new HashSet<>(stored.trackIds(artistId));
            gone.removeAll(tracks.get(artistId).keySet());
            stale.put(artistId, gone);
        }
        if (skippedArtists > 0) {
            log.info("{} artists skipped: the table holds a newer dt of theirs", skippedArtists);
        }
        return new Plan(stale, skippedArtists, skippedItems);
    }

    /** The stored tracks to delete, per artist written, and what was skipped as older. */
    private record Plan(Map<String, Set<String>> stale, int skippedArtists, long skippedItems) {
    }

    /** Per artist, per track, its rank in each market: the first pass over the partition. */
    private Map<String, Map<String, SortedMap<String, Integer>>> ranksByArtist(CuratedPartition partition) {
        Map<String, Map<String, SortedMap<String, Integer>>> tracks = new HashMap<>();
        partition.forEachRow(row -> tracks.computeIfAbsent(items.artistId(row), artist -> new HashMap<>())
                .computeIfAbsent(items.trackId(row), track -> new TreeMap<>())
                .put(items.market(row), items.rank(row)));
        log.info("{} rows of {}: {} artists", partition.pointer().rows(), partition.location(), tracks.size());
        return tracks;
    }

    /** The table's items of these artists: one Scan segment per request in flight. */
    private StoredArtists storedArtists(Set<String> artistIds, BoundedRequests requests) {
        StoredArtists stored = new StoredArtists(artistIds);
        for (int segment = 0; segment < maxInFlight; segment++) {
            int number = segment;
            requests.submit(() -> table.scanKeys(number, maxInFlight, stored::add));
        }
        requests.awaitAll();
        return stored;
    }
}
