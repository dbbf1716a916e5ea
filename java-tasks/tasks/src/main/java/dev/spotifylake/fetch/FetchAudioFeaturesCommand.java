package dev.spotifylake.fetch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.Env;
import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.raw.RawPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fetch-audio-features-raw-json --dt D}: the audio features of the dt's top tracks (the distinct track ids
 * of raw/top_tracks/dt=D/, or of its ReccoBeats pages ranked per market), from Spotify (100 ids a call) or
 * ReccoBeats (40, --source), into raw/audio_features/dt=D/ (one envelope per 200 answer: ids, fetched_at, request,
 * status, body verbatim; unknown ids kept and counted), with {@code _failures.json}, then the partition's pointer {@code _manifest.json}, last.
 *
 * <p>Resumable and idempotent like fetch-tracks-raw-json. Exit codes: 0 done (or already complete); 99 no track
 * ids, a dt too far in the past, or a 403 with --optional; 1 network, throttling, server errors; 2 bad
 * configuration, refused credentials, 403 (Development Mode), top tracks of dt not complete.
 */
@Command(name = "fetch-audio-features-raw-json",
        header = "Fetches the tracks' audio features into raw/.",
        description = {"Fetches the audio features of the dt's top tracks (those of raw/top_tracks/dt=D/, from "
                + "either source) into raw/audio_features/dt=D/ as gzip NDJSON envelopes (ids asked, fetched_at, "
                + "request, status, body verbatim, unknown ids counted) with _failures.json; _manifest.json, "
                + "written last, marks the partition complete.",
                "Sources (--source): spotify (100 ids a call); reccobeats (40 ids a call; no Spotify call, no "
                        + "credentials needed); auto (default): Spotify, and ReccoBeats for the whole dt when Spotify "
                        + "answers 403 (apps without Extended Quota since 2024-11). With --source spotify a 403 "
                        + "exits 2, or 99 with --optional.",
                "Credentials: env SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (never options, never logged)."})
public final class FetchAudioFeaturesCommand extends FetchCommand {
    private static final Logger log = LoggerFactory.getLogger(FetchAudioFeaturesCommand.class);
    private static final String TASK = "fetch-audio-features-raw-json";

    @Option(names = "--source", paramLabel = "auto|spotify|reccobeats", defaultValue = "auto",
            description = "Where audio features come from (env AUDIO_FEATURES_SOURCE; default: ${DEFAULT-VALUE}).")
    @Env("AUDIO_FEATURES_SOURCE")
    private SourceChoice source;

    @Option(names = "--calls-per-part", paramLabel = "N", defaultValue = "50", converter = AtLeast.One.class,
            description = "Calls (of up to 100 ids each, 40 for ReccoBeats) whose answers go into one part file; a killed run "
                    + "resumes at this grain (default: ${DEFAULT-VALUE}).")
    private int callsPerPart;

    @Option(names = "--optional", arity = "0..1", paramLabel = "true|false", defaultValue = "false",
            fallbackValue = "true",
            description = "Audio features are optional: with --source spotify, a 403 from Spotify (no Extended "
                    + "Quota) exits 99, so Airflow skips what depends on them, instead of failing with 2 (env "
                    + "AUDIO_FEATURES_OPTIONAL; default: ${DEFAULT-VALUE}; the DAG's default is true).")
    @Env("AUDIO_FEATURES_OPTIONAL")
    private boolean optional;

    @Override
    protected TaskSummary run() {
        try (LakeConnection connection = lake().connect()) {
            RawPartition topTracks = new RawPartition(connection.store(), Dataset.TOP_TRACKS, dt());
            RawPartition output = new RawPartition(connection.store(), Dataset.AUDIO_FEATURES, dt());
            return fetch(TASK, source, output, new AudioFeaturesJob(topTracks, callsPerPart, optional, Source.SPOTIFY),
                    new AudioFeaturesJob(topTracks, callsPerPart, optional, Source.RECCOBEATS),
                    "Spotify's own audio features (with time_signature and duration_ms), if it had extended access "
                            + "before 2024-11-27");
        } catch (TaskException e) {
            if (e.exitCode() != ExitCode.NOTHING_TO_DO) {
                throw e;
            }
            log.warn(e.getMessage());
            return TaskSummary.nothingToDo(TASK, dt()).with("reason", "forbidden");
        }
    }
}
