package dev.spotifylake.fetch;

import java.time.Duration;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.LateSnapshotOptions;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.raw.RawPartition;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The base of the raw fetches: the options of both APIs and those every fetch shares (re-fetching, late snapshots,
 * tolerated failures, progress logs), and the run of a fetch from the source its --source chooses.
 */
abstract class FetchCommand extends TaskCommand {
    @Mixin
    private SpotifyOptions spotify;

    @Mixin
    private ReccoBeatsOptions reccoBeats;

    @Option(names = "--force",
            description = "Fetch again even when the raw partition of dt is already complete, into a new version: "
                    + "the complete one stays what readers see until the new one is complete.")
    private boolean force;

    @Mixin
    private LateSnapshotOptions late;

    @Option(names = "--allowed-failures", paramLabel = "N", defaultValue = "0", converter = AtLeast.Zero.class,
            description = "Requests that may still fail after all their attempts and be recorded in "
                    + "_failures.json; one more fails the task (exit 1), keeping the parts written so far. "
                    + "The next plain run asks for them again (default: ${DEFAULT-VALUE}).")
    private int allowedFailures;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10", converter = AtLeast.One.class,
            description = "Seconds between two progress lines in the log (default: ${DEFAULT-VALUE}).")
    private int progressIntervalSeconds;

    /**
     * Fetches {@code output} as {@code choice} says: {@code spotifyJob} with Spotify's client, {@code reccoBeatsJob}
     * with ReccoBeats' (no Spotify call), each at its API's concurrency.
     *
     * @param withExtendedQuota what the dataset would gain from Spotify with Extended Quota Mode, for the WARN line
     *                          of a switch to ReccoBeats
     */
    protected TaskSummary fetch(String task, SourceChoice choice, RawPartition output, FetchJob spotifyJob,
            FetchJob reccoBeatsJob, String withExtendedQuota) {
        return new SourcedFetch(choice,
                () -> new RawFetch(task, spotifyJob, output, settings(spotify.concurrency())).run(spotify::client),
                () -> new RawFetch(task, reccoBeatsJob, output, settings(reccoBeats.concurrency()))
                        .run(() -> reccoBeats.client(spotify)),
                withExtendedQuota).run();
    }

    private RawFetch.Settings settings(int concurrency) {
        return new RawFetch.Settings(force, late.rule(), allowedFailures, concurrency,
                Duration.ofSeconds(progressIntervalSeconds));
    }
}
