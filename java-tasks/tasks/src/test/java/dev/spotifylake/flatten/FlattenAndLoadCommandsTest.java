package dev.spotifylake.flatten;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.testing.Cli;

/** The command lines of flatten-to-parquet and load-s3: options and help, no lake needed. */
class FlattenAndLoadCommandsTest {

    @Test
    void anUnknownDatasetIsABadArgument() {
        Cli cli = Cli.run("flatten-to-parquet", "--dt", "2026-11-20", "--dataset", "tracks")
                .exitCode(ExitCode.NOT_RETRYABLE)
                .errContains("error: Invalid value for option '--dataset': expected one of [artists, top_tracks, "
                        + "audio_features] (any case) but was 'tracks'\n")
                .errDoesNotContain("Exception");
        assertThat(cli.err().lines()).hasSize(2);
        Cli.run("load-s3", "--dt", "2026-11-20", "--dataset", "tracks").exitCode(ExitCode.NOT_RETRYABLE)
                .errContains("expected one of [artists, top_tracks, audio_features, artist_similarity] (any case)");
    }

    @Test
    void eachCommandTakesAndListsOnlyItsOwnDatasets() {
        Cli.run("load-dynamodb", "--dt", "2026-11-20", "--dataset", "artists").exitCode(ExitCode.NOT_RETRYABLE)
                .errContains("expected one of [top_tracks] (any case) but was 'artists'");
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20", "--dataset", "artist_similarity")
                .exitCode(ExitCode.NOT_RETRYABLE).errContains("but was 'artist_similarity'");
        Cli.run("load-dynamodb", "--help").ok().outContains("top_tracks (the one dataset served)");
        Cli.run("flatten-to-parquet", "--help").ok().outContains("One of artists, top_tracks, audio_features.");
    }

    @Test
    void aDatasetIsTakenInAnyCase() {
        // past the option, the task stops at the first thing it lacks: the lake
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20", "--dataset", "Top_Tracks").exitCode(ExitCode.NOT_RETRYABLE)
                .errContains("missing configuration: set LAKE_URI or pass --lake-uri");
    }

    @Test
    void theDatasetIsRequired() {
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20").exitCode(ExitCode.NOT_RETRYABLE).errContains("--dataset");
        Cli.run("load-s3", "--dt", "2026-11-20").exitCode(ExitCode.NOT_RETRYABLE).errContains("--dataset");
    }

    @Test
    void zeroThreadsIsRefusedBeforeTheLakeIsOpened() {
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20", "--dataset", "artists", "--threads", "0")
                .exitCode(ExitCode.NOT_RETRYABLE).errContains("must be at least 1");
    }

    @Test
    void rowGroupsThatCannotFitTheHeapAreRefusedBeforeTheLakeIsOpened() {
        // 1000 threads of 1 GiB row groups: more than any test JVM's heap
        Cli.run("flatten-to-parquet", "--dt", "2026-11-20", "--dataset", "artists", "--threads", "1000",
                "--row-group-mb", "1024").exitCode(ExitCode.NOT_RETRYABLE)
                .errContains("--threads 1000 with --row-group-mb 1024 need at least 1024016 MB of heap")
                .errContains("SPOTIFY_LAKE_JVM_OPTIONS");
    }

    @Test
    void theDefaultsFitTheHeapTheDagGivesTheTasks() {
        // dags/spotify_lake/jvm.py starts the tasks with -Xmx128m; the JVM makes about 120 MB of it usable
        assertThat(ParquetLayout.DEFAULT.heapNeeded(2)).isLessThan(110L << 20);
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.run("flatten-to-parquet", "--help").ok().outContains("99  nothing to do").outContains("--rows-per-file");
        Cli.run("load-s3", "--help").ok().outContains("99  nothing to do").outContains("--dataset=DATASET");
    }
}
