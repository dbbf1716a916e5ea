package dev.spotifylake.similarity;

import java.io.PrintWriter;
import java.util.Locale;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.LakeConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code similar-artists --dt D --artist NAME_OR_ID [--limit N] [--tracks T]}: prints the N nearest artists of an
 * artist in the published artist_similarity partition of dt, nearest first, each with its distance and its T
 * best-ranked top tracks of dt; reads the curated partitions of the lake directly, no query engine needed.
 *
 * <p>Reads only, so running it again prints the same. Exit codes: 0 printed; 99 artist_similarity of dt not
 * published, or the artist was skipped (no audio features); 1 the lake is unreachable; 2 bad options, a name that
 * matches no artist of dt or several.
 */
@Command(name = "similar-artists",
        header = "Prints the artists most like one artist.",
        description = {"Prints the nearest artists of an artist (by id, or by its name in curated artists) in the "
                + "published artist_similarity partition of dt, with their distance and their top tracks of dt.",
                "Reads the lake directly: curated artist_similarity, artists and top_tracks of dt."})
public final class SimilarArtistsCommand extends TaskCommand {
    private static final String TASK = "similar-artists";

    @Spec
    private CommandSpec spec;

    @Option(names = "--artist", required = true, paramLabel = "NAME_OR_ID",
            description = "The artist's Spotify id, or its name as curated artists of dt hold it (any case).")
    private String artist;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", converter = AtLeast.One.class,
            description = "Nearest artists printed (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--tracks", paramLabel = "T", defaultValue = "3", converter = AtLeast.Zero.class,
            description = "Top tracks printed for each of them (default: ${DEFAULT-VALUE}).")
    private int tracks;

    @Override
    protected TaskSummary run() {
        SimilarArtists.Answer answer;
        try (LakeConnection connection = lake().connect()) {
            answer = new SimilarArtists(connection.store()).find(dt(), artist, limit, tracks);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Artists like %s (%s) on %s, nearest first:%n", answer.name(), answer.artistId(), dt());
        for (SimilarArtists.Similar near : answer.similar()) {
            out.printf(Locale.ROOT, "%3d. %s  distance %.3f  (%s)%n", near.rank(), near.name(), near.distance(),
                    near.artistId());
            if (!near.topTracks().isEmpty()) {
                out.printf("     %s%n", String.join(" | ", near.topTracks()));
            }
        }
        return TaskSummary.done(TASK, dt()).with("artist_id", answer.artistId()).with("artist", answer.name())
                .with("similar", answer.similar().stream().map(SimilarArtists.Similar::artistId).toList());
    }
}
