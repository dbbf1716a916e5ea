package dev.spotifylake.flatten;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.staging.AttemptStats.RawFile;
import dev.spotifylake.staging.AttemptStats.RejectFile;
import dev.spotifylake.staging.AttemptStats.StagedFile;
import dev.spotifylake.staging.RollingParquetWriter;
import dev.spotifylake.staging.StagingArea;

/**
 * Flattens one group of raw part files, in order, into the attempt's Parquet files (a {@link RollingParquetWriter})
 * and one reject file. A group runs on one thread; groups run side by side. Pages of ReccoBeats' tracks make their
 * rows artist by artist ({@link RankedPages}).
 */
final class GroupFlattener {
    /**
     * What a group staged.
     *
     * @param unranked raw records read that make no row by design: ReccoBeats tracks outside every market's top
     *     tracks, or listed again (always 0 for answers whose every record is a row or a reject)
     */
    record Result(List<StagedFile> files, Optional<RejectFile> rejects, long rejectedLines, List<RawFile> rawFiles,
            long unranked) {
    }

    /** Told after every raw part, for the progress log. */
    interface Progress {
        void partDone(String key, long records, long rows, long rejects);
    }

    private final ObjectStore store;
    private final Projection projection;
    private final ParquetLayout layout;
    private final StagingArea staging;
    private final String attempt;
    private final Progress progress;
    private final Optional<RankedPages.Day> ranked;
    private final String rawLocation;

    /**
     * @param ranked the day to rank when the raw lines are ReccoBeats' pages of tracks ({@link RankedPages}); empty
     *     when each raw line is an answer of its own
     * @param rawLocation the raw partition, to name in errors
     */
    GroupFlattener(ObjectStore store, Projection projection, ParquetLayout layout, StagingArea staging, String attempt,
            Progress progress, Optional<RankedPages.Day> ranked, String rawLocation) {
        this.store = requireNonNull(store, "store is null");
        this.projection = requireNonNull(projection, "projection is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.attempt = requireNonNull(attempt, "attempt is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.ranked = requireNonNull(ranked, "ranked is null");
        this.rawLocation = requireNonNull(rawLocation, "rawLocation is null");
    }

    /** {@code parts/part-00001-00000.snappy.parquet}: group, then file of the group. */
    static String partFile(int group, int file) {
        return StagingArea.PARTS_FOLDER + String.format("part-%05d-%05d.snappy.parquet", group, file);
    }

    static String rejectFile(int group) {
        return StagingArea.REJECTS_FOLDER + String.format("part-%05d.json.gz", group);
    }

    Result flatten(OutputGroups.Group group) {
        try (Run run = new Run(group.number())) {
            for (StoredObject part : group.parts()) {
                run.read(part);
            }
            return run.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rows of the last artist ranked: " + e.getMessage(), e);
        }
    }

    /** The state of one group being flattened: the open files and the counts of the current raw part. */
    private final class Run implements LineReader.Sink, AutoCloseable {
        private final int group;
        private final LineReader lines = new LineReader(projection);
        private final RankedPages pages = ranked.map(day -> new RankedPages(lines, day, rawLocation)).orElse(null);
        private final RejectRecords rejectRecords = new RejectRecords(projection.mapping());
        private final List<RawFile> rawFiles = new ArrayList<>();
        private final RollingParquetWriter parquet;
        private PartFileWriter rejects;
        private RejectSpool spool;
        private long line;
        private long records;
        private long rows;
        private long rejected;
        private long rejectedLines;

        Run(int group) {
            this.group = group;
            this.parquet = new RollingParquetWriter(store, staging, attempt, projection.mapping(), layout,
                    file -> partFile(group, file));
        }

        void read(StoredObject part) {
            records = 0;
            rows = 0;
            rejected = 0;
            try (RejectSpool partRejects = new RejectSpool()) {
                spool = partRejects;
                RawPartStream.forEachLine(store, part.key(), (json, number) -> {
                    line = number;
                    records += pages == null ? lines.read(json, this) : pages.read(json, this);
                    return true;
                });
                if (partRejects.count() > 0) {
                    if (rejects == null) {
                        rejects = new PartFileWriter();
                    }
                    rejectRecords.write(store, part.key(), partRejects, rejects);
                }
            }
            rawFiles.add(new RawFile(part.key(), part.size(), records));
            progress.partDone(part.key(), records, rows, rejected);
        }

        @Override
        public void row(Object[] values) throws IOException {
            parquet.write(values);
            rows++;
        }

        @Override
        public void reject(int position, String reason) throws IOException {
            spool.add(line, position, reason);
            rejected++;
            if (position == 0 && projection.hasRows()) {
                rejectedLines++;
            }
        }

        Result finish() throws IOException {
            long unranked = 0;
            if (pages != null) {
                pages.finish(this);
                unranked = pages.unranked();
            }
            List<StagedFile> files = parquet.finish(false);
            Optional<RejectFile> rejectFile = Optional.empty();
            if (rejects != null) {
                String name = rejectFile(group);
                long count = rejects.lines();
                rejects.publish(store, staging.key(attempt, name));
                rejects = null;
                rejectFile = Optional.of(new RejectFile(name, count));
            }
            return new Result(files, rejectFile, rejectedLines, rawFiles, unranked);
        }

        /** Drops what was not published: a failed group leaves no local files behind. */
        @Override
        public void close() {
            parquet.close();
            if (rejects != null) {
                rejects.close();
            }
        }
    }
}
