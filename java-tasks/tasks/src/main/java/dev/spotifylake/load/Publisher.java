package dev.spotifylake.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
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
import dev.spotifylake.curated.CuratedManifest.RetiredVersion;
import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.curated.CuratedVersions;
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
 * Publishes the newest complete staging attempt of a dataset and dt as a new version of its curated partition
 * ({@link CuratedVersions}), and its rejects as the day's rejects. The order of the steps is what keeps readers and
 * re-runs safe:
 * <ol>
 * <li>delete the version folders of killed publications that never became current;</li>
 * <li>copy the staged files into the attempt's own version folder, {@code _v<attempt>/}, which no reader knows;</li>
 * <li>replace the day's rejects;</li>
 * <li>write {@code _manifest.json} naming the new version and listing exactly its files: manifest-aware readers
 * switch at this one write; readers through the catalog keep the version it names until repair points the
 * partition at the new one;</li>
 * <li>delete the staging folder, its {@code _stats.json} first.</li>
 * </ol>
 * The versions it replaced stay, listed as retired in the manifest, until repair deletes them after the grace
 * period. A task killed at any step leaves either the complete attempt in staging (steps 1 to 4: the next run
 * publishes it again into the same folder, every step being safe to repeat) or a complete partition with leftovers
 * in staging (step 5: the next run finds the manifest naming the attempt, and deletes the leftovers). An attempt
 * whose content is the current version's (re-processing the same raw files) is not published again.
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
        CuratedVersions versions = new CuratedVersions(store, dataset, dt);
        Optional<CuratedManifest> current = CuratedPartition.published(store, dataset, dt).map(CuratedPartition::manifest);
        Optional<AttemptStats> staged = staging.newestComplete();
        if (staged.isEmpty()) {
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
        requireStagedFiles(dataset, staging, stats);
        CuratedManifest manifest = manifest(stats, current, versions.list().keySet());
        if (current.isPresent() && (current.get().version().equals(stats.attempt()) || current.get().sameContent(manifest))) {
            log.info("{} already holds what attempt {} staged: nothing to publish", location(versions, current.get()), stats.attempt());
            staging.deleteAll();
            return alreadyPublished(versions, current.get(), dt);
        }

        String versionFolder = versions.versionFolder(stats.attempt());
        log.info("publishing attempt {} of {} as {}: {} rows in {} files, {} rejects", stats.attempt(),
                store.root().uriOf(staging.location()), store.root().uriOf(versionFolder), stats.rows(),
                manifest.files().size(), stats.rejects());
        deleteUnpublishedVersions(versions, current, stats.attempt());
        for (int i = 0; i < manifest.files().size(); i++) {
            store.copy(staging.key(stats.attempt(), stats.files().get(i).file()), versionFolder + manifest.files().get(i).file());
        }
        String rejectsFolder = LakePaths.partition(Zone.REJECTS, dataset, dt);
        for (int i = 0; i < manifest.rejectFiles().size(); i++) {
            store.copy(staging.key(stats.attempt(), stats.rejectFiles().get(i).file()), manifest.rejectFiles().get(i).file());
        }
        deleteAllBut(rejectsFolder, manifest.rejectFiles().stream().map(RejectFile::file).toList());
        writeManifest(versions.manifestKey(), manifest);
        staging.deleteAll();
        log.info("{} is complete: {} rows, {} files; staging cleaned", store.root().uriOf(versionFolder), manifest.rows(),
                manifest.files().size());
        return summary(TaskSummary.done(TASK, dt), manifest, store.root().uriOf(versionFolder)).with("attempt", stats.attempt());
    }

    /**
     * The manifest of the attempt as the new version; the current version, if any, becomes the newest retired, and
     * retired versions whose files repair has deleted are forgotten.
     */
    private CuratedManifest manifest(AttemptStats stats, Optional<CuratedManifest> current, Set<String> present) {
        List<StagedFile> files = new ArrayList<>();
        for (StagedFile file : stats.files()) {
            files.add(new StagedFile(LakePaths.partFile(files.size(), "snappy.parquet"), file.rows(), file.bytes()));
        }
        String rejectsFolder = LakePaths.partition(Zone.REJECTS, Dataset.fromName(stats.dataset()), LocalDate.parse(stats.dt()));
        List<RejectFile> rejectFiles = new ArrayList<>();
        for (RejectFile file : stats.rejectFiles()) {
            rejectFiles.add(new RejectFile(rejectsFolder + LakePaths.partFile(rejectFiles.size(), "json.gz"), file.rejects()));
        }
        List<RetiredVersion> retired = new ArrayList<>();
        current.ifPresent(manifest -> {
            retired.add(new RetiredVersion(manifest.version(), clock.instant()));
            manifest.retired().stream().filter(version -> present.contains(version.version())).forEach(retired::add);
        });
        return new CuratedManifest(stats.dataset(), stats.dt(), stats.schemaVersion(), stats.attempt(), stats.rows(),
                stats.recordsIn(), stats.rejects(), files, rejectFiles, stats.rawFiles(), retired);
    }

    /**
     * Version folders that neither the manifest names (current or retired) nor this attempt owns were left by a
     * publication killed before its manifest: no reader ever saw them.
     */
    private void deleteUnpublishedVersions(CuratedVersions versions, Optional<CuratedManifest> current, String attempt) {
        Set<String> known = new HashSet<>(Set.of(attempt));
        current.ifPresent(manifest -> {
            known.add(manifest.version());
            manifest.retired().forEach(retired -> known.add(retired.version()));
        });
        List<String> unpublished = versions.list().keySet().stream().filter(version -> !known.contains(version)).toList();
        if (!unpublished.isEmpty()) {
            log.info("removing versions {} that a killed publication left in {}", unpublished, versions.folder());
            versions.delete(unpublished);
        }
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

    private void writeManifest(String key, CuratedManifest manifest) {
        try {
            store.put(key, StagingArea.JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String location(CuratedVersions versions, CuratedManifest manifest) {
        return store.root().uriOf(versions.versionFolder(manifest.version()));
    }

    private TaskSummary alreadyPublished(CuratedVersions versions, CuratedManifest manifest, LocalDate dt) {
        return summary(TaskSummary.done(TASK, dt), manifest, location(versions, manifest)).with("already_published", true);
    }

    private static TaskSummary summary(TaskSummary summary, CuratedManifest manifest, String location) {
        return summary.with("dataset", manifest.dataset()).with("rows", manifest.rows())
                .with("rejects", manifest.rejects()).with("files", manifest.files().size())
                .with("schema_version", manifest.schemaVersion()).with("version", manifest.version())
                .with("location", location);
    }
}
