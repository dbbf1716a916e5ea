package dev.spotifylake.load;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.DatasetConverter;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code load-s3 --dataset X --dt D}: publishes the newest complete attempt of staging/X/dt=D/ as
 * curated/X/dt=D/ (and its rejects as rejects/X/dt=D/), replacing the partition's previous files, with
 * {@code _manifest.json} (files, row counts, schema version, raw sources, rejects) written last; then deletes
 * the staging folder. See {@link Publisher} for why a reader and a re-run are safe at every step.
 *
 * <p>Idempotent: once published, a re-run finds nothing staged and the manifest in place, and exits 0 without
 * touching the lake. Exit codes: 0 published (or already published); 99 nothing staged and nothing published;
 * 1 the lake is unreachable; 2 bad options, a staging attempt missing files.
 */
@Command(name = "load-s3", mixinStandardHelpOptions = true,
        description = {"Publishes the newest complete flatten attempt in staging/X/dt=D/ as curated/X/dt=D/ (and "
                + "rejects/X/dt=D/), replacing the previous files; _manifest.json is deleted first and written last, "
                + "so a partition with a manifest is always complete. Staging is deleted afterwards.",
                "A re-run after success changes nothing; a re-run after a kill finishes the job."},
        footer = "%n" + ExitCode.HELP_LIST)
public final class LoadS3Command extends TaskCommand {

    @Mixin
    private LakeOptions lake;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET", converter = DatasetConverter.class,
            description = "top_tracks, audio_features or artists.")
    private Dataset dataset;

    @Override
    protected TaskSummary run() {
        try (LakeConnection connection = lake.connect()) {
            return new Publisher(connection.store()).publish(dataset, dt());
        }
    }
}
