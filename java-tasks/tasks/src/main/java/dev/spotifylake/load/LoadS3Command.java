package dev.spotifylake.load;

import java.time.Clock;

import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-s3 --dataset X --dt D}: publishes the newest complete attempt of staging/X/dt=D/ as a new version of
 * curated/X/dt=D/, in a folder of its own ({@code _v<attempt>/}), and its rejects as rejects/X/dt=D/; then writes
 * {@code _manifest.json} (the version, its files, row counts, schema version, raw sources, rejects) last, and
 * deletes the staging folder. The previous version stays for readers still on it; repair-athena-partitions points
 * the catalog at the new one and deletes old versions after the grace period. See {@link Publisher} for why a
 * reader and a re-run are safe at every step.
 *
 * <p>Idempotent: once published, a re-run finds nothing staged and the manifest in place, and exits 0 without
 * touching the lake; an attempt with the current version's content (the same raw files flattened again) is not
 * published again. Exit codes: 0 published (or already published); 99 nothing staged and nothing published; 1 the
 * lake is unreachable; 2 bad options, a staging attempt missing files.
 */
@Command(name = "load-s3",
        header = "Publishes a staged dataset in curated/.",
        description = {"Publishes the newest complete flatten attempt in staging/X/dt=D/ as a new version of "
                + "curated/X/dt=D/ (folder _v<attempt>/; rejects in rejects/X/dt=D/), then points _manifest.json at it: "
                + "the manifest names one complete version. Staging is deleted afterwards; the previous version stays "
                + "until repair-athena-partitions has moved the catalog and the grace period is over.",
                "A re-run after success changes nothing; a re-run after a kill finishes the job."})
public final class LoadS3Command extends TaskCommand {

    @Option(names = "--dataset", required = true, paramLabel = "DATASET",
            description = "One of ${COMPLETION-CANDIDATES}.")
    private Dataset dataset;

    @Override
    protected TaskSummary run() {
        try (LakeConnection connection = lake().connect()) {
            return new Publisher(connection.store(), Clock.systemUTC()).publish(dataset, dt());
        }
    }
}
