package dev.spotifylake.similarity;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.schema.TableMapping;
import dev.spotifylake.similarity.ArtistProfiles.SkipReason;
import dev.spotifylake.similarity.ArtistProfiles.Skipped;
import dev.spotifylake.staging.AttemptStats;
import dev.spotifylake.staging.AttemptStats.RawFile;
import dev.spotifylake.staging.AttemptStats.RejectFile;
import dev.spotifylake.staging.AttemptStats.StagedFile;
import dev.spotifylake.staging.RollingParquetWriter;
import dev.spotifylake.staging.StagingArea;

/**
 * Computes the artist_similarity table of a dt from the published top_tracks and audio_features partitions of
 * that dt, and stages it as a complete attempt, exactly as flatten-to-parquet stages the other tables, so that
 * load-s3 publishes it the same way. The artists of the day are those of top_tracks; each is either in the table
 * (its K nearest artists) or a reject of the day with the reason ({@link SkipReason}): the attempt's records in
 * are the artists, its rejects the artists skipped, its rows the pairs of artists. Its sources, where flatten
 * names raw files, are the curated files read.
 */
public final class ArtistSimilarity {
    private static final Logger log = LoggerFactory.getLogger(ArtistSimilarity.class);
    private static final String TASK = "compute-artist-similarity";
    private static final TableMapping TABLE = CuratedTables.ARTIST_SIMILARITY;

    /** How many neighbours each artist gets, and how many tracks with features an artist needs to get any. */
    public record Settings(int neighbours, int minTracks) {
        public Settings {
            if (neighbours < 1 || minTracks < 1) {
                throw new IllegalArgumentException("neighbours and minTracks must be at least 1");
            }
        }
    }

    private final ObjectStore store;
    private final Settings settings;
    private final Clock clock;

    public ArtistSimilarity(ObjectStore store, Settings settings, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public TaskSummary compute(LocalDate dt) {
        Optional<CuratedPartition> tracks = CuratedPartition.published(store, Dataset.TOP_TRACKS, dt);
        Optional<CuratedPartition> features = CuratedPartition.published(store, Dataset.AUDIO_FEATURES, dt);
        if (tracks.isEmpty() || features.isEmpty()) {
            Dataset missing = tracks.isEmpty() ? Dataset.TOP_TRACKS : Dataset.AUDIO_FEATURES;
            log.info("no published {} partition for dt={}: nothing to compare (load-s3 --dataset {} publishes it)",
                    missing, dt, missing);
            return TaskSummary.nothingToDo(TASK, dt).with("dataset", TABLE.dataset().folder())
                    .with("reason", "no published " + missing + " partition");
        }
        long started = System.nanoTime();
        ArtistProfiles profiles = read(tracks.get(), features.get());
        long read = System.nanoTime();
        Neighbours neighbours = NearestNeighbours.of(ZScores.of(profiles.means()), settings.neighbours());
        long computed = System.nanoTime();
        log.info("{} artists: {} compared, {} skipped; nearest {} of each found in {} s", profiles.artists(),
                profiles.artistIds().size(), profiles.skipped().size(), neighbours.k(), seconds(computed - read));

        StagingArea staging = new StagingArea(store, TABLE.dataset(), dt);
        String attempt = StagingArea.newAttempt(clock.instant());
        List<StagedFile> files = writeRows(profiles, neighbours, staging, attempt);
        List<RejectFile> rejectFiles = writeSkipped(profiles.skipped(), staging, attempt);
        long rows = files.stream().mapToLong(StagedFile::rows).sum();
        if (rows != (long) profiles.artistIds().size() * neighbours.k()
                || profiles.artists() != profiles.artistIds().size() + profiles.skipped().size()) {
            throw new IllegalStateException("counts do not reconcile: " + profiles.artists() + " artists, "
                    + profiles.artistIds().size() + " compared, " + profiles.skipped().size() + " skipped, " + rows + " rows");
        }
        AttemptStats stats = new AttemptStats(TABLE.dataset().folder(), dt.toString(), attempt, TABLE.version(),
                profiles.artists(), rows, profiles.skipped().size(), 0, files, rejectFiles, sources(tracks.get(), features.get()));
        staging.complete(stats);
        staging.deleteAllBut(attempt);

        TaskSummary summary = TaskSummary.done(TASK, dt).with("dataset", TABLE.dataset().folder())
                .with("artists", profiles.artists()).with("compared", profiles.artistIds().size())
                .with("skipped", profiles.skipped().size());
        profiles.skippedByReason().forEach((reason, count) -> summary.with("skipped_" + reason.name().toLowerCase(Locale.ROOT), count));
        return summary.with("neighbours", neighbours.k()).with("rows", rows).with("files", files.size())
                .with("attempt", attempt).with("location", store.root().uriOf(staging.key(attempt, "")))
                .with("read_seconds", seconds(read - started)).with("similarity_seconds", seconds(computed - read));
    }

    private ArtistProfiles read(CuratedPartition tracks, CuratedPartition features) {
        ArtistProfiles.Builder profiles = new ArtistProfiles.Builder();
        features.forEachRow(row -> {
            double[] values = new double[AudioFeature.COLUMNS.size()];
            for (int f = 0; f < values.length; f++) {
                values[f] = ((Number) row.get(AudioFeature.COLUMNS.get(f))).doubleValue();
            }
            profiles.features(text(row, "track_id"), values);
        });
        tracks.forEachRow(row -> profiles.track(text(row, "artist_id"), text(row, "track_id")));
        return profiles.build(settings.minTracks());
    }

    private static String text(GenericRecord row, String column) {
        return row.get(column).toString();
    }

    /** The rows, artist by artist in the order of their ids and nearest first, in files of the default layout's size. */
    private List<StagedFile> writeRows(ArtistProfiles profiles, Neighbours neighbours, StagingArea staging, String attempt) {
        List<String> ids = profiles.artistIds();
        try (RollingParquetWriter writer = new RollingParquetWriter(store, staging, attempt, TABLE, ParquetLayout.DEFAULT,
                number -> StagingArea.PARTS_FOLDER + LakePaths.partFile(number, "snappy.parquet"))) {
            for (int artist = 0; artist < ids.size(); artist++) {
                for (int rank = 0; rank < neighbours.k(); rank++) {
                    int similar = neighbours.neighbour(artist, rank);
                    writer.write(new Object[] {ids.get(artist), rank + 1, ids.get(similar), neighbours.distance(artist, rank),
                            profiles.tracks(artist), profiles.tracks(similar)});
                }
            }
            return writer.finish(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the artist_similarity rows", e);
        }
    }

    /** One reject line per artist skipped: why, and the tracks it had. */
    private List<RejectFile> writeSkipped(List<Skipped> skipped, StagingArea staging, String attempt) {
        if (skipped.isEmpty()) {
            return List.of();
        }
        String name = StagingArea.REJECTS_FOLDER + LakePaths.partFile(0, "json.gz");
        try (PartFileWriter rejects = new PartFileWriter()) {
            for (Skipped artist : skipped) {
                rejects.write(line -> {
                    line.writeStringField("reason", artist.reason().text());
                    line.writeStringField("artist_id", artist.artistId());
                    line.writeNumberField("tracks", artist.tracks());
                    line.writeNumberField("tracks_with_features", artist.tracksWithFeatures());
                });
            }
            rejects.publish(store, staging.key(attempt, name));
        }
        return List.of(new RejectFile(name, skipped.size()));
    }

    /** The curated files read, with the rows each held, in place of the raw files a flattened table names. */
    private static List<RawFile> sources(CuratedPartition... partitions) {
        List<RawFile> sources = new ArrayList<>();
        for (CuratedPartition partition : partitions) {
            List<String> keys = partition.fileKeys();
            List<Pointer.VersionFile> files = partition.pointer().files();
            for (int i = 0; i < keys.size(); i++) {
                sources.add(new RawFile(keys.get(i), files.get(i).bytes(), files.get(i).rows()));
            }
        }
        return sources;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
