package dev.spotifylake.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.SimulatedSources;
import dev.spotifylake.testing.Options;

/**
 * The whole way on the local stack: MySQL artists of the simulator's catalog, extracted, fetched from the
 * simulator, flattened and loaded, then compute-artist-similarity and load-s3 publish artist_similarity, which
 * is checked against this test's own computation from the curated Parquet of top_tracks and audio_features.
 */
class ArtistSimilarityIT {
    /** Fetches write dt=today: a past dt without raw data would be a late snapshot. */
    private static final LocalDate DT = LocalDate.now(ZoneOffset.UTC);
    private static final List<String> FEATURES = List.of("danceability", "energy", "loudness", "speechiness",
            "acousticness", "instrumentalness", "liveness", "valence", "tempo");
    /** High enough that artists with a track without features are skipped for it. */
    private static final int MIN_TRACKS = 10;
    private static final int NEIGHBOURS = 5;

    @RegisterExtension
    final FreshLake freshLake = new FreshLake("similarity");
    private final Map<String, String> stack = freshLake.environment();
    @AutoClose
    private SimulatedSources sources;
    private Map<String, String> environment;
    @AutoClose
    private LakeConnection lake;

    @BeforeEach
    void runThePipelineUpToTheCuratedTables() {
        lake = Options.parse(new LakeOptions(), stack).connect();
        sources = SimulatedSources.start(stack, "similarity", 40);
        environment = sources.environment(stack);
        run("extract-artists");
        run("fetch-tracks-raw-json");
        run("fetch-audio-features-raw-json");
        for (String dataset : List.of("artists", "top_tracks", "audio_features")) {
            run("flatten-to-parquet", "--dataset", dataset);
            run("load-s3", "--dataset", dataset);
        }
    }

    @Test
    void thePublishedTableHoldsTheNearestArtistsOfAnIndependentComputationAndAccountsForEveryArtist() throws Exception {
        JarProcess compute = JarProcess.start(environment, List.of("-Xmx128m"), "compute-artist-similarity", "--dt",
                DT.toString(), "--neighbours", Integer.toString(NEIGHBOURS), "--min-tracks", Integer.toString(MIN_TRACKS));
        assertThat(compute.waitFor(120)).as("the jar reads curated Parquet without Hadoop; stderr:%n%s", compute.err()).isZero();
        run("load-s3", "--dataset", "artist_similarity");

        Expected expected = expected();
        CuratedPartition published = CuratedPartition.published(lake.store(), Dataset.ARTIST_SIMILARITY, DT).orElseThrow();
        List<List<Object>> rows = new ArrayList<>();
        published.forEachRow(row -> rows.add(List.of(row.get("artist_id").toString(), row.get("rank"),
                row.get("similar_artist_id").toString(), row.get("distance"), row.get("artist_tracks"),
                row.get("similar_artist_tracks"))));

        assertThat(expected.compared()).as("enough artists compared for the test to mean something").isGreaterThan(NEIGHBOURS);
        assertThat(expected.skipped()).as("artists with a track without features, below --min-tracks").isNotEmpty();
        assertThat(rows).hasSameSizeAs(expected.rows());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> actual = rows.get(i);
            List<Object> wanted = expected.rows().get(i);
            assertThat(actual.subList(0, 3)).as("row %d", i).isEqualTo(wanted.subList(0, 3));
            assertThat((double) actual.get(3)).as("distance of row %d", i).isCloseTo((double) wanted.get(3), within(1e-9));
            assertThat(actual.subList(4, 6)).as("tracks of row %d", i).isEqualTo(wanted.subList(4, 6));
        }
        assertThat(published.publication().recordsIn()).as("the artists of the day's top tracks")
                .isEqualTo(expected.compared() + expected.skipped().size());
        assertThat(published.publication().rejects()).isEqualTo(expected.skipped().size());
        assertThat(rejectedArtists(published)).isEqualTo(expected.skipped());
    }

    @Test
    void similarArtistsPrintsTheNearestArtistsByNameAndRefusesANameThatMatchesNoArtist() throws Exception {
        run("compute-artist-similarity", "--neighbours", Integer.toString(NEIGHBOURS), "--min-tracks", Integer.toString(MIN_TRACKS));
        run("load-s3", "--dataset", "artist_similarity");
        Expected expected = expected();
        String artist = (String) expected.rows().get(0).get(0);
        Map<String, String> names = names();

        String out = run("similar-artists", "--artist", names.get(artist).toUpperCase(), "--limit", "3").out();

        List<String> nearest = expected.rows().subList(0, 3).stream().map(row -> names.get((String) row.get(2))).toList();
        assertThat(out).contains("Artists like " + names.get(artist) + " (" + artist + ")");
        assertThat(out.lines().filter(line -> line.matches("\\s+\\d+\\. .*")).map(line -> line.replaceAll("^\\s+\\d+\\. (.*)  distance.*$", "$1")))
                .containsExactlyElementsOf(nearest);
        Cli.run(environment, "similar-artists", "--dt", DT.toString(), "--artist", "No Such Artist Anywhere").exitCode(2)
                .errContains("no artist of dt=" + DT + " is named 'No Such Artist Anywhere'");
        Cli.run(environment, "similar-artists", "--dt", DT.minusDays(2).toString(), "--artist", artist).exitCode(99)
                .errContains("nothing to do: no published artist_similarity partition for dt=" + DT.minusDays(2)
                        + "; the nearest dates that have one: " + DT + " (1 in all).")
                .errDoesNotContain("error");
    }

    // ---- the independent computation, from the curated Parquet

    /** The table's rows in its order (artist id, then rank), the artists compared and the ones skipped. */
    private record Expected(List<List<Object>> rows, int compared, Set<String> skipped) {
    }

    private Expected expected() {
        Map<String, double[]> features = new HashMap<>();
        CuratedPartition.published(lake.store(), Dataset.AUDIO_FEATURES, DT).orElseThrow().forEachRow(row ->
                features.put(row.get("track_id").toString(), FEATURES.stream().mapToDouble(f -> (double) row.get(f)).toArray()));
        Map<String, Set<String>> tracks = new TreeMap<>();
        CuratedPartition.published(lake.store(), Dataset.TOP_TRACKS, DT).orElseThrow().forEachRow(row ->
                tracks.computeIfAbsent(row.get("artist_id").toString(), id -> new TreeSet<>()).add(row.get("track_id").toString()));

        List<String> ids = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        Set<String> skipped = new TreeSet<>();
        tracks.forEach((artist, trackIds) -> {
            List<double[]> known = trackIds.stream().filter(features::containsKey).map(features::get).toList();
            if (known.size() < MIN_TRACKS) {
                skipped.add(artist);
                return;
            }
            double[] mean = new double[FEATURES.size()];
            for (int f = 0; f < mean.length; f++) {
                int feature = f;
                mean[f] = known.stream().mapToDouble(values -> values[feature]).average().orElseThrow();
            }
            ids.add(artist);
            means.add(mean);
            counts.add(known.size());
        });
        double[][] z = standardized(means);
        List<List<Object>> rows = new ArrayList<>();
        for (int a = 0; a < ids.size(); a++) {
            int artist = a;
            List<Integer> nearest = IntStream.range(0, ids.size()).filter(b -> b != artist).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(b -> distance(z[artist], z[b])).thenComparing(ids::get))
                    .limit(NEIGHBOURS).toList();
            for (int rank = 0; rank < nearest.size(); rank++) {
                int other = nearest.get(rank);
                rows.add(List.of(ids.get(artist), rank + 1, ids.get(other), distance(z[artist], z[other]), counts.get(artist),
                        counts.get(other)));
            }
        }
        return new Expected(rows, ids.size(), skipped);
    }

    /** Each feature minus its mean over the artists, over its standard deviation; 0 where it does not vary. */
    private static double[][] standardized(List<double[]> means) {
        double[][] z = new double[means.size()][FEATURES.size()];
        for (int f = 0; f < FEATURES.size(); f++) {
            int feature = f;
            double mean = means.stream().mapToDouble(values -> values[feature]).average().orElseThrow();
            double deviation = Math.sqrt(means.stream().mapToDouble(values -> Math.pow(values[feature] - mean, 2)).average().orElseThrow());
            for (int a = 0; a < means.size(); a++) {
                z[a][f] = deviation == 0 ? 0 : (means.get(a)[f] - mean) / deviation;
            }
        }
        return z;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int f = 0; f < a.length; f++) {
            sum += (a[f] - b[f]) * (a[f] - b[f]);
        }
        return Math.sqrt(sum);
    }

    private Set<String> rejectedArtists(CuratedPartition published) {
        Set<String> artists = new TreeSet<>();
        published.publication().rejectFiles().forEach(file -> RawPartStream.forEachLine(lake.store(), file.file(), (json, number) -> {
            JsonNode reject = json.readValueAsTree();
            assertThat(reject.path("reason").asText()).isIn("no audio features", "fewer tracks with audio features than --min-tracks");
            artists.add(reject.path("artist_id").asText());
            return true;
        }));
        return artists;
    }

    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        CuratedPartition.published(lake.store(), Dataset.ARTISTS, DT).orElseThrow()
                .forEachRow(row -> names.put(row.get("artist_id").toString(), row.get("name").toString()));
        return names;
    }

    private Cli run(String subcommand, String... options) {
        List<String> args = new ArrayList<>(List.of(subcommand, "--dt", DT.toString()));
        args.addAll(List.of(options));
        return Cli.run(environment, args.toArray(String[]::new)).ok();
    }
}
