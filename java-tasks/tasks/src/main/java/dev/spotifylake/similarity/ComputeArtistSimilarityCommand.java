package dev.spotifylake.similarity;

import java.time.Clock;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.LakeConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compute-artist-similarity --dt D [--neighbours K] [--min-tracks N]}: reads the published curated
 * top_tracks and audio_features partitions of dt (through their manifests), and stages the artist_similarity
 * table of dt in a new attempt under staging/artist_similarity/dt=D/: for every artist of the day's top tracks
 * with at least N distinct tracks with audio features, its K nearest other artists (exact, ties broken by artist
 * id) by the Euclidean distance of their standardized mean features; every other artist is a reject with the
 * reason. load-s3 --dataset artist_similarity publishes it, repair-athena-partitions registers it.
 *
 * <p>Idempotent: the same curated partitions give the same rows again, in a new attempt that replaces the old
 * one. Exit codes: 0 staged; 99 top_tracks or audio_features of dt not published; 1 the lake is unreachable or
 * a partition was re-published while being read; 2 bad options, a manifest that cannot be read.
 */
@Command(name = "compute-artist-similarity",
        header = "Stages each artist's nearest artists.",
        description = {"Computes, for every artist of dt's top tracks, its K nearest other artists by the mean audio "
                + "features of its distinct top tracks (danceability, energy, loudness, speechiness, acousticness, "
                + "instrumentalness, liveness, valence, tempo; each standardized across the day's artists), exact, "
                + "ties broken by artist id, and stages them as the artist_similarity table of dt.",
                "Reads the published top_tracks and audio_features partitions of dt; artists without enough tracks "
                        + "with features are rejects with the reason. load-s3 --dataset artist_similarity publishes it."})
public final class ComputeArtistSimilarityCommand extends TaskCommand {

    @Option(names = "--neighbours", paramLabel = "K", defaultValue = "10", converter = AtLeast.One.class,
            description = "Nearest artists kept for each artist (default: ${DEFAULT-VALUE}).")
    private int neighbours;

    @Option(names = "--min-tracks", paramLabel = "N", defaultValue = "1", converter = AtLeast.One.class,
            description = "Distinct top tracks with audio features an artist needs to be compared (default: ${DEFAULT-VALUE}).")
    private int minTracks;

    @Override
    protected TaskSummary run() {
        try (LakeConnection connection = lake().connect()) {
            return new ArtistSimilarity(connection.store(), new ArtistSimilarity.Settings(neighbours, minTracks),
                    Clock.systemUTC()).compute(dt());
        }
    }
}
