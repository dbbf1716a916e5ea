package dev.spotifylake.fetch;

import java.util.List;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.Env;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.raw.RawPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fetch-tracks-raw-json --dt D}: for every artist of raw/artists/dt=D/ and every --market, Spotify's top
 * tracks, into raw/top_tracks/dt=D/ part files of gzip NDJSON (one envelope per 200 answer: artist_id, market,
 * fetched_at, request, status, the body verbatim); or, from ReccoBeats (--source), every page of each artist's
 * tracks ({@link ReccoBeatsTopTracksJob}). What cannot be fetched (404, malformed id, not found at ReccoBeats,
 * retries exhausted within --allowed-failures) goes to the version's {@code _failures.json}; the pointer
 * {@code _manifest.json}, written last, marks the partition complete.
 *
 * <p>Resumable and idempotent: a re-run fetches only the parts not yet in the lake, and nothing at all once the
 * partition is complete (--force fetches everything again). Exit codes: 0 done (or already complete); 99 no
 * artists, or a dt too far in the past (--max-late-days); 1 network, throttling, server errors; 2 bad
 * configuration, refused credentials, 403 (Development Mode), no artist snapshot for dt.
 */
@Command(name = "fetch-tracks-raw-json",
        header = "Fetches each artist's top tracks into raw/.",
        description = {"Fetches the top tracks of every artist of raw/artists/dt=D/ (per --market) from Spotify "
                + "into raw/top_tracks/dt=D/ as gzip NDJSON envelopes (artist_id, market, fetched_at, request, "
                + "status, body verbatim) with _failures.json (404s, invalid ids); _manifest.json, written last, "
                + "marks the partition complete.",
                "A re-run fetches only the parts still missing; a complete partition is not fetched again "
                        + "unless --force.",
                "Sources (--source): spotify; reccobeats (every page of each artist's tracks, ranked per market "
                        + "downstream; no Spotify call, no credentials needed); auto (default): Spotify, and "
                        + "ReccoBeats for the whole dt when Spotify answers 403 (Development Mode apps lost this "
                        + "endpoint in 2026). With --source spotify a 403 exits 2.",
                "Credentials: env SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (never options, never logged)."})
public final class FetchTracksCommand extends FetchCommand {
    private static final String TASK = "fetch-tracks-raw-json";

    @Option(names = "--source", paramLabel = "auto|spotify|reccobeats", defaultValue = "auto",
            description = "Where top tracks come from (env TOP_TRACKS_SOURCE; default: ${DEFAULT-VALUE}).")
    @Env("TOP_TRACKS_SOURCE")
    private SourceChoice source;

    @Option(names = "--reccobeats-max-pages", paramLabel = "N", defaultValue = "20", converter = AtLeast.One.class,
            description = "Pages of 50 tracks read at most per artist from ReccoBeats; an artist with more is "
                    + "truncated, logged and counted (artists_truncated) (default: ${DEFAULT-VALUE}).")
    private int maxPages;

    @Option(names = "--market", paramLabel = "CC", defaultValue = "US",
            description = "ISO 3166-1 alpha-2 market to ask top tracks for; repeat for several "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<String> markets;

    @Option(names = "--artists-per-part", paramLabel = "N", defaultValue = "500", converter = AtLeast.One.class,
            description = "Artists whose answers (all markets) go into one part file; a killed run resumes "
                    + "at this grain (default: ${DEFAULT-VALUE}).")
    private int artistsPerPart;

    @Override
    protected TaskSummary run() {
        List<String> checked = markets.stream().distinct().toList();
        checked.stream().filter(market -> !market.matches("[A-Z]{2}")).findFirst().ifPresent(market -> {
            throw TaskException.notRetryable("--market takes ISO 3166-1 alpha-2 codes such as US, got '" + market + "'");
        });
        try (LakeConnection connection = lake().connect()) {
            DayArtists artists = new DayArtists(new RawPartition(connection.store(), Dataset.ARTISTS, dt()), checked,
                    artistsPerPart);
            RawPartition output = new RawPartition(connection.store(), Dataset.TOP_TRACKS, dt());
            return fetch(TASK, source, output, new TopTracksJob(artists), new ReccoBeatsTopTracksJob(artists, maxPages),
                    "Spotify's own top tracks per market, with their albums and Spotify's popularity");
        }
    }
}
