package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.BoundedWork;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.schema.CuratedTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loads the published curated top_tracks partition of a dt into the serving table, so that the table holds each
 * artist's latest snapshot. What the table holds is read first (the artists and dts of its items, by a parallel
 * Scan: one pass over the table costs far fewer requests than a Query per artist), and an artist with an item of a
 * newer dt is skipped whole. Then every track is put (one item per track, its markets merged) on the condition that
 * its item is not of a newer dt, and last each artist's items are read back and the stale ones deleted: those
 * older than its newest dt, and those of this dt no longer among its tracks, each on the condition that its dt is
 * still the one read. So two loads of different dts at once end with the newer one's items only: whichever reads
 * an artist back last sees both and deletes the older. The partition is read twice, so that memory holds the
 * artists' track ids and ranks, not their items.
 */
final class TopTracksLoader {
    private static final Logger log = LoggerFactory.getLogger(TopTracksLoader.class);
    private static final String TASK = "load-dynamodb";
    private static final long PROGRESS_EVERY = 10_000;

    private final ObjectStore lake;
    private final ServingTable table;
    private final RetryCount retries;
    private final int maxInFlight;
    private final TrackItems items = new TrackItems(CuratedTables.TOP_TRACKS);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong refusedAsOlder = new AtomicLong();

    TopTracksLoader(ObjectStore lake, ServingTable table, RetryCount retries, int maxInFlight) {
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
        try (BoundedWork requests = new BoundedWork("dynamodb-request", maxInFlight)) {
            Skipped skipped = skipNewer(tracks, storedArtists(tracks.keySet(), requests), dt);
            Map<String, Set<String>> trackIds = new HashMap<>();
            tracks.forEach((artistId, ofArtist) -> trackIds.put(artistId, Set.copyOf(ofArtist.keySet())));
            partition.forEachRow(row -> {
                Map<String, SortedMap<String, Integer>> ofArtist = tracks.get(items.artistId(row));
                SortedMap<String, Integer> ranks = ofArtist == null ? null : ofArtist.remove(items.trackId(row));
                // the track's first row makes its item; its other rows only brought their market and rank
                if (ranks != null) {
                    Map<String, AttributeValue> item = items.item(row, ranks, dt);
                    requests.submit(() -> put(item));
                }
            });
            requests.awaitAll();
            trackIds.forEach((artistId, ids) -> requests.submit(() -> deleteStale(artistId, ids, dt.toString())));
            requests.awaitAll();
            log.info("{} items written and {} deleted in {} for {} artists", written, deleted, table.name(),
                    trackIds.size());
            return TaskSummary.done(TASK, dt)
                    .with("table", table.name())
                    .with("source", partition.location())
                    .with("rows", partition.pointer().rows())
                    .with("artists", tracks.size())
                    .with("items_written", written.get())
                    .with("items_deleted", deleted.get())
                    .with("artists_skipped_older", skipped.artists())
                    .with("items_skipped_older", skipped.items() + refusedAsOlder.get())
                    .with("retries", retries.count());
        }
    }

    private void put(Map<String, AttributeValue> item) {
        if (!table.putUnlessNewer(item)) {
            refusedAsOlder.incrementAndGet();
            return;
        }
        long total = written.incrementAndGet();
        if (total % PROGRESS_EVERY == 0) {
            log.info("{} items written into {}", total, table.name());
        }
    }

    /**
     * After this load's puts: deletes the artist's items older than the newest dt the table holds of it, and when
     * that is this dt, the items of this dt no longer among its tracks (left by an earlier load of the same dt).
     */
    private void deleteStale(String artistId, Set<String> trackIds, String dt) {
        Map<String, String> stored = table.dtsByTrack(artistId);
        String newest = stored.values().stream().max(Comparator.naturalOrder()).orElse(dt);
        stored.forEach((trackId, itemDt) -> {
            boolean stale = itemDt.compareTo(newest) < 0 || newest.equals(dt) && !trackIds.contains(trackId);
            if (stale && table.deleteIfDt(artistId, trackId, itemDt)) {
                deleted.incrementAndGet();
            }
        });
    }

    /** Drops from {@code tracks} the artists the table holds a newer dt of, and counts them. */
    private static Skipped skipNewer(Map<String, Map<String, SortedMap<String, Integer>>> tracks, StoredArtists stored,
            LocalDate dt) {
        int artists = 0;
        long skippedItems = 0;
        for (String artistId : List.copyOf(tracks.keySet())) {
            if (stored.latestDt(artistId).compareTo(dt.toString()) > 0) {
                skippedItems += tracks.remove(artistId).size();
                artists++;
            }
        }
        if (artists > 0) {
            log.info("{} artists skipped: the table holds a newer dt of theirs", artists);
        }
        return new Skipped(artists, skippedItems);
    }

    /** What was skipped as older than the table's. */
    private record Skipped(int artists, long items) {
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

    /** The newest dt the table holds of these artists: one Scan segment per request in flight. */
    private StoredArtists storedArtists(Set<String> artistIds, BoundedWork requests) {
        StoredArtists stored = new StoredArtists(artistIds);
        for (int segment = 0; segment < maxInFlight; segment++) {
            int number = segment;
            requests.submit(() -> table.scanDts(number, maxInFlight, stored::add));
        }
        requests.awaitAll();
        return stored;
    }
}
