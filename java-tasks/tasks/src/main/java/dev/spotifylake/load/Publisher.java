package dev.spotifylake.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.curated.CuratedManifest;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.staging.AttemptStats;
import dev.spotifylake.staging.AttemptStats.RejectFile;
import dev.spotifylake.staging.AttemptStats.StagedFile;
import dev.spotifylake.staging.StagingArea;

/**
 * Publishes the newest complete staging attempt of a dataset and dt as its curated partition, and its rejects as
 * the day's rejects, replacing what was there. The order of the steps is what keeps readers and re-runs safe:
 * <ol>
 * <li>delete {@code _manifest.json}: from now on the partition does not claim to be complete;</li>
 * <li>copy the staged files over, under the same names a re-run would give them;</li>
 * <li>delete the files of the old partition that the new one does not have;</li>
 * <li>write {@code _manifest.json}, listing exactly the new files: the partition is complete again;</li>
 * <li>delete the staging folder, its {@code _stats.json} first.</li>
 * </ol>
 * A reader that trusts the manifest never takes a mix of old and new files for a partition. A task killed at any
 * step leaves either the complete attempt in staging (steps 1 to 4: the next run publishes it again, every step
 * being safe to repeat) or a complete partition with leftovers in staging (step 5: the next run finds the
 * manifest and no complete attempt, and deletes the leftovers).
 */
public final class Publisher {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final String TASK = "load-s3";

    private final ObjectStore store;

    public Publisher(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public TaskSummary publish(Dataset dataset, LocalDate dt) {
        StagingArea staging = new StagingArea(store, dataset, dt);
        String curated = LakePaths.partition(Zone.CURATED, dataset, dt);
        String manifestKey = curated + LakePaths.MANIFEST_FILE;
        String location = store.root().uriOf(curated);
        Optional<AttemptStats> staged = staging.newestComplete();
        if (staged.isEmpty()) {
            Optional<CuratedPartition> published = CuratedPartition.published(store, dataset, dt);
            if (published.isPresent()) {
                log.info("{} is already published and nothing new is staged: nothing to do", location);
                // what a run killed while cleaning up left behind: no longer complete, never to be published
                staging.deleteAll();
                return summary(TaskSummary.done(TASK, dt), published.get().manifest(), location).with("already_published", true);
            }
            log.info("nothing staged in {} and no published partition: run flatten-to-parquet first",
                    store.root().uriOf(staging.location()));
            return TaskSummary.nothingToDo(TASK, dt).with("dataset", dataset.folder()).with("reason", "nothing staged");
        }
        AttemptStats stats = staged.get();
        requireStagedFiles(staging, stats);

        String rejectsFolder = LakePaths.partition(Zone.REJECTS, dataset, dt);
        List<StagedFile> files = new ArrayList<>();
        for (StagedFile file : stats.files()) {
            files.add(new StagedFile(LakePaths.partFile(files.size(), "snappy.parquet"), file.rows(), file.bytes()));
        }
        List<RejectFile> rejectFiles = new ArrayList<>();
        for (RejectFile file : stats.rejectFiles()) {
            rejectFiles.add(new RejectFile(rejectsFolder + LakePaths.partFile(rejectFiles.size(), "json.gz"), file.rejects()));
        }
        CuratedManifest manifest = new CuratedManifest(stats.dataset(), stats.dt(), stats.schemaVersion(), stats.rows(),
                stats.recordsIn(), stats.rejects(), files, rejectFiles, stats.rawFiles());

        log.info("publishing attempt {} of {} as {}: {} rows in {} files, {} rejects", stats.attempt(),
                store.root().uriOf(staging.location()), location, stats.rows(), files.size(), stats.rejects());
        store.delete(List.of(manifestKey));
        for (int i = 0; i < files.size(); i++) {
            store.copy(staging.key(stats.attempt(), stats.files().get(i).file()), curated + files.get(i).file());
        }
        for (int i = 0; i < rejectFiles.size(); i++) {
            store.copy(staging.key(stats.attempt(), stats.rejectFiles().get(i).file()), rejectFiles.get(i).file());
        }
        deleteAllBut(curated, files.stream().map(file -> curated + file.file()).toList());
        deleteAllBut(rejectsFolder, rejectFiles.stream().map(RejectFile::file).toList());
        writeManifest(manifestKey, manifest);
        staging.deleteAll();
        log.info("{} is complete: {} rows, {} files; staging cleaned", location, manifest.rows(), files.size());
        return summary(TaskSummary.done(TASK, dt), manifest, location).with("attempt", stats.attempt());
    }

    private void requireStagedFiles(StagingArea staging, AttemptStats stats) {
        Set<String> present = new HashSet<>();
        store.list(staging.key(stats.attempt(), "")).forEach(object -> present.add(object.key()));
        List<String> missing = new ArrayList<>();
        stats.files().forEach(file -> missing.add(staging.key(stats.attempt(), file.file())));
        stats.rejectFiles().forEach(file -> missing.add(staging.key(stats.attempt(), file.file())));
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw TaskException.notRetryable("staging attempt " + stats.attempt() + " lacks " + missing.size()
                    + " of its files (first: " + missing.get(0) + "): run flatten-to-parquet for dt=" + stats.dt() + " again");
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

    private void writeManifest(String key, CuratedManifest manifest) {
        try {
            store.put(key, StagingArea.JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TaskSummary summary(TaskSummary summary, CuratedManifest manifest, String location) {
        return summary.with("dataset", manifest.dataset()).with("rows", manifest.rows())
                .with("rejects", manifest.rejects()).with("files", manifest.files().size())
                .with("schema_version", manifest.schemaVersion()).with("location", location);
    }
}
