package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.reccobeats.TopTracksRanking;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.Simulator;
import dev.spotifylake.testing.TestDatabase;

/**
 * A day fetched from ReccoBeats alone (no Spotify credentials at all), through flatten, load and repair, read
 * on Trino: curated top_tracks is each artist's ranking over the raw pages, audio_features the entries found,
 * every row says {@code reccobeats}.
 */
class ReccoBeatsLakeTrinoIT {
    /** Fetches write dt=today: a past dt without raw data would be a late snapshot. */
    private static final LocalDate DT = LocalDate.now(ZoneOffset.UTC);

    private final LakeFixture lake = new LakeFixture("reccobeats");
    private final Simulator simulator = Simulator.start(lake.environment());
    private final TestDatabase database = TestDatabase.create(lake.environment(), "reccobeats");
    private final Map<String, String> environment = withoutSpotify();

    @AfterEach
    void cleanUp() throws Exception {
        database.close();
        simulator.close();
        lake.close();
    }

    @Test
    void aDayFetchedFromReccoBeatsGivesTheRankingOfItsPagesOnTrino() {
        database.load(Simulator.mysqlSeed(12));
        run("extract-artists").ok();
        run("fetch-tracks-raw-json", "--source", "reccobeats").ok().outContains("\"source\":\"reccobeats\"");
        run("fetch-audio-features-raw-json", "--source", "reccobeats").ok();
        for (String dataset : List.of("top_tracks", "audio_features")) {
            run("flatten-to-parquet", "--dataset", dataset).ok().outContains("\"source\":\"reccobeats\"");
            run("load-s3", "--dataset", dataset).ok();
        }
        run("repair-athena-partitions").ok();

        List<List<Object>> expected = rankingOfTheRawPages();
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(query("SELECT artist_id, market, rank, track_id, popularity FROM top_tracks WHERE dt = '" + DT + "'"))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(query("SELECT DISTINCT source FROM top_tracks WHERE dt = '" + DT + "'"))
                .containsExactly(List.of("reccobeats"));
        assertThat(query("SELECT count(*) FROM top_tracks WHERE dt = '" + DT + "' AND (album_id IS NOT NULL OR explicit IS NOT NULL)"))
                .containsExactly(List.of(0L));
        assertThat(query("SELECT DISTINCT source, time_signature FROM audio_features WHERE dt = '" + DT + "'"))
                .containsExactly(Arrays.asList("reccobeats", null));
        assertThat(query("SELECT count(*) FROM audio_features f WHERE dt = '" + DT + "' AND track_id NOT IN "
                + "(SELECT track_id FROM top_tracks WHERE dt = '" + DT + "')")).containsExactly(List.of(0L));
        assertThat((Long) query("SELECT count(*) FROM audio_features WHERE dt = '" + DT + "'").get(0).get(0)).isPositive();
    }

    /** Each artist's top tracks per market, ranked by the test from the raw ReccoBeats pages the fetch kept. */
    private List<List<Object>> rankingOfTheRawPages() {
        RawPartition raw = new RawPartition(lake.store(), Dataset.TOP_TRACKS, DT);
        List<String> markets = new ArrayList<>();
        raw.current().orElseThrow().summary().path("input").path("markets")
                .forEach(market -> markets.add(market.asText()));
        Map<String, List<JsonNode>> tracksByArtist = new LinkedHashMap<>();
        raw.forEachLine(line -> {
            if (line.has("artist_id")) {
                line.path("body").path("content").forEach(track -> tracksByArtist
                        .computeIfAbsent(line.get("artist_id").asText(), artist -> new ArrayList<>()).add(track));
            }
        });
        List<List<Object>> rows = new ArrayList<>();
        tracksByArtist.forEach((artist, tracks) -> TopTracksRanking.rank(tracks, markets).forEach((market, ranked) ->
                ranked.forEach(track -> rows.add(List.of(artist, market, track.rank(), track.trackId(), track.popularity())))));
        return rows;
    }

    private Map<String, String> withoutSpotify() {
        Map<String, String> env = new HashMap<>(database.environment(lake.environment()));
        env.remove("SPOTIFY_CLIENT_ID");
        env.remove("SPOTIFY_CLIENT_SECRET");
        env.put("SPOTIFY_API_URL", simulator.url() + "/v1");
        env.put("SPOTIFY_ACCOUNTS_URL", simulator.url());
        env.put("RECCOBEATS_API_URL", simulator.url() + "/reccobeats/v1");
        return env;
    }

    private Cli run(String subcommand, String... options) {
        List<String> args = new ArrayList<>(List.of(subcommand, "--dt", DT.toString()));
        args.addAll(List.of(options));
        return Cli.run(environment, args.toArray(String[]::new));
    }

    private List<List<Object>> query(String sql) {
        return lake.trino().rows(sql.replace(" FROM top_tracks", " FROM " + lake.schema() + ".top_tracks")
                .replace(" FROM audio_features", " FROM " + lake.schema() + ".audio_features"));
    }
}
