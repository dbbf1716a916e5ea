package dev.spotifylake.load;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.curated.Publication;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Pointer;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.VersionedPartition;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.staging.AttemptStats;
import dev.spotifylake.staging.AttemptStats.RejectFile;
import dev.spotifylake.staging.AttemptStats.StagedFile;
import dev.spotifylake.staging.StagingArea;

/**
 * Publishes the newest complete staging attempt of a dataset and dt as a new version of its curated partition
 * ({@link VersionedPartition}), and its rejects as the day's rejects. The order of the steps is what keeps readers and
 * re-runs safe:
 * <ol>
 * <li>copy the staged files into the attempt's own version folder, named as the attempt, which no reader knows;</li>
 * <li>replace the day's rejects;</li>
 * <li>write the partition's pointer naming the new version and listing exactly its files: readers of the lake
 * switch at this one write; readers through the catalog keep the version they read until repair moves it;</li>
 * <li>delete the staging folder, its {@code _stats.json} first.</li>
 * </ol>
 * It deletes no version: the ones it replaced, and whatever else lies in the partition's folder, are listed as
 * retired in the pointer and go with the grace period, whatever the pointer it replaced said. A task killed at any
 * step leaves either the complete attempt in staging (the next run publishes it again into the same folder, every
 * step being safe to repeat) or a complete partition with leftovers in staging (the next run deletes them). A
 * pointer that is lost or broken is published over. An attempt whose content is the current version's
 * (re-processing the same raw files) is not published again. Two runs at once publish the same attempt; the one
 * that finds it taken meanwhile ends with exit 0 when it is published, else 1.
 */
public final class Publisher {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final String TASK = "load-s3";

    private final ObjectStore store;
    private final Clock clock;

    /** @param clock when a replaced version stops being current, for the grace period before its deletion */
    public Publisher(ObjectStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public TaskSummary publish(Dataset dataset, LocalDate dt) {
        StagingArea staging = new StagingArea(store, dataset, dt);
        VersionedPartition versions = CuratedPartition.versions(store, dataset, dt);
        Optional<AttemptStats> staged = staging.newestComplete();
        if (staged.isEmpty()) {
            // a broken pointer with nothing to publish over it stops here, with the line saying how to stage again
            Optional<Pointer> current = versions.current();
            if (current.isPresent()) {
                log.info("{} is already published and nothing new is staged: nothing to do", location(versions, current.get()));
                // what a run killed while cleaning up left behind: no longer complete, never to be published
                staging.deleteAll();
                return alreadyPublished(versions, current.get(), dt);
            }
            log.info("nothing staged in {} and no published partition: run {} first",
                    store.root().uriOf(staging.location()), stagingTask(dataset));
            return TaskSummary.nothingToDo(TASK, dt).with("dataset", dataset.folder()).with("reason", "nothing staged");
        }
        AttemptStats stats = staged.get();
        Optional<Pointer> current = versions.complete();
        List<StagedFile> files = versionFiles(stats);
        Publication publication = publication(stats);
        if (current.isPresent() && (current.get().version().equals(stats.attempt()) || sameContent(current.get(), files, publication))) {
            log.info("{} already holds what attempt {} staged: nothing to publish", location(versions, current.get()), stats.attempt());
            staging.deleteAll();
            return alreadyPublished(versions, current.get(), dt);
        }

        String versionFolder = versions.versionFolder(stats.attempt());
        log.info("publishing attempt {} of {} as {}: {} rows in {} files, {} rejects", stats.attempt(),
                store.root().uriOf(staging.location()), store.root().uriOf(versionFolder), stats.rows(), files.size(),
                stats.rejects());
        try {
            requireStagedFiles(dataset, staging, stats);
            for (int i = 0; i < files.size(); i++) {
                store.copy(staging.key(stats.attempt(), stats.files().get(i).file()), versionFolder + files.get(i).file());
            }
            for (int i = 0; i < publication.rejectFiles().size(); i++) {
                store.copy(staging.key(stats.attempt(), stats.rejectFiles().get(i).file()), publication.rejectFiles().get(i).file());
            }
        } catch (TaskException e) {
            return takenMeanwhile(staging, stats, versions, e);
        }
        deleteAllBut(LakePaths.partition(Zone.REJECTS, dataset, dt), publication.rejectFiles().stream().map(RejectFile::file).toList());
        Map<String, Long> rowsByFile = new LinkedHashMap<>();
        files.forEach(file -> rowsByFile.put(file.file(), file.rows()));
        Pointer pointer = versions.commit(stats.attempt(), rowsByFile, null, LakeJson.JSON.valueToTree(publication), clock.instant());
        staging.deleteAll();
        log.info("{} is complete: {} rows, {} files; staging cleaned", store.root().uriOf(versionFolder), pointer.rows(),
                files.size());
        return summary(TaskSummary.done(TASK, dt), pointer, publication, store.root().uriOf(versionFolder))
                .with("attempt", stats.attempt());
    }

    /** The staged Parquet files under the names they take in the version: part-00000.snappy.parquet, ... */
    private static List<StagedFile> versionFiles(AttemptStats stats) {
        List<StagedFile> files = new ArrayList<>();
        for (StagedFile file : stats.files()) {
            files.add(new StagedFile(LakePaths.partFile(files.size(), "snappy.parquet"), file.rows(), file.bytes()));
        }
        return files;
    }

    /** What the pointer says of the new version: its schema, counts, the day's reject files and its sources. */
    private static Publication publication(AttemptStats stats) {
        String rejectsFolder = LakePaths.partition(Zone.REJECTS, Dataset.fromName(stats.dataset()), LocalDate.parse(stats.dt()));
        List<RejectFile> rejectFiles = new ArrayList<>();
        for (RejectFile file : stats.rejectFiles()) {
            rejectFiles.add(new RejectFile(rejectsFolder + LakePaths.partFile(rejectFiles.size(), "json.gz"), file.rejects()));
        }
        return new Publication(stats.schemaVersion(), stats.recordsIn(), stats.rejects(), rejectFiles, stats.rawFiles());
    }

    /** Whether the current version holds the same rows from the same sources, whatever its name and history. */
    private static boolean sameContent(Pointer current, List<StagedFile> files, Publication publication) {
        List<Pointer.VersionFile> staged = files.stream().map(file -> new Pointer.VersionFile(file.file(), file.rows(), file.bytes())).toList();
        return current.files().equals(staged) && current.summary(Publication.class).equals(publication);
    }

    /**
     * A staged file went missing while this run published: when the attempt is no longer complete, another load-s3
     * took it meanwhile (0 when that run published it, else 1 and a retry publishes what is staged now); otherwise
     * the attempt is damaged, and only a new flatten helps (the failure's own exit code).
     */
    private TaskSummary takenMeanwhile(StagingArea staging, AttemptStats stats, VersionedPartition versions, TaskException failure) {
        if (staging.isComplete(stats.attempt())) {
            throw failure;
        }
        Optional<Pointer> now = versions.complete().filter(pointer -> pointer.version().equals(stats.attempt()));
        if (now.isEmpty()) {
            throw TaskException.retryable("staging attempt " + stats.attempt() + " was taken meanwhile by another load-s3 "
                    + "of " + stats.dataset() + " dt=" + stats.dt() + " that has not published it yet; a retry publishes "
                    + "what is staged then", failure);
        }
        log.info("attempt {} was published meanwhile by another load-s3: nothing left to do", stats.attempt());
        return alreadyPublished(versions, now.get(), LocalDate.parse(stats.dt()));
    }

    /** The task that stages the dataset for load-s3: what to run when nothing (or a broken attempt) is staged. */
    static String stagingTask(Dataset dataset) {
        return switch (dataset) {
            case ARTISTS, TOP_TRACKS, AUDIO_FEATURES -> "flatten-to-parquet --dataset " + dataset;
            case ARTIST_SIMILARITY -> "compute-artist-similarity";
        };
    }

    private void requireStagedFiles(Dataset dataset, StagingArea staging, AttemptStats stats) {
        Set<String> present = new HashSet<>();
        store.list(staging.key(stats.attempt(), "")).forEach(object -> present.add(object.key()));
        List<String> missing = new ArrayList<>();
        stats.files().forEach(file -> missing.add(staging.key(stats.attempt(), file.file())));
        stats.rejectFiles().forEach(file -> missing.add(staging.key(stats.attempt(), file.file())));
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw TaskException.notRetryable("staging attempt " + stats.attempt() + " lacks " + missing.size()
                    + " of its files (first: " + missing.get(0) + "): run " + stagingTask(dataset) + " for dt=" + stats.dt() + " again");
        }
    }

    /** Removes what an earlier publication (or a killed one) left in the folder that the new one does not list. */
    private void deleteAllBut(String folder, List<String> keep) {
        Set<String> kept = new HashSet<>(keep);
        List<String> stale = store.list(folder).stream().map(StoredObject::key).filter(key -> !kept.contains(key)).toList();
        if (!stale.isEmpty()) {
            log.info("removing {} files of an earlier publication from {}", stale.size(), folder);
            store.delete(stale);
        }
    }

    private String location(VersionedPartition versions, Pointer pointer) {
        return store.root().uriOf(versions.versionFolder(pointer.version()));
    }

    private TaskSummary alreadyPublished(VersionedPartition versions, Pointer pointer, LocalDate dt) {
        return summary(TaskSummary.done(TASK, dt), pointer, pointer.summary(Publication.class), location(versions, pointer))
                .with("already_published", true);
    }

    private static TaskSummary summary(TaskSummary summary, Pointer pointer, Publication publication, String location) {
        return summary.with("dataset", pointer.dataset()).with("rows", pointer.rows())
                .with("rejects", publication.rejects()).with("files", pointer.files().size())
                .with("schema_version", publication.schemaVersion()).with("version", pointer.version())
                .with("location", location);
    }
}
