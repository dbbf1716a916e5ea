package dev.spotifylake.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.Options;
import dev.spotifylake.testing.SimulatedSources;
import dev.spotifylake.testing.TrinoSession;

/**
 * reprocess on the local stack: three days fetched from the simulator; then one copy of their raw zone is
 * re-processed by the single-day tasks, as the DAG runs them, into one catalog schema, and the other by reprocess,
 * killed after its first day and run again, into another schema. Both catalogs answer the same rows. A range
 * without raw data has nothing to do.
 */
class ReprocessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fetches of a past dt without raw data are late snapshots of today: the days end today. */
    private static final LocalDate LAST = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate FIRST = LAST.minusDays(2);
    private static final String PROGRESS = "staging/_reprocess/";

    @RegisterExtension
    final FreshLake singleDayLake = new FreshLake("reprocess-single-day");
    @RegisterExtension
    final FreshLake rangeLake = new FreshLake("reprocess-range");
    @AutoClose
    private TrinoSession trino;
    @AutoClose
    private SimulatedSources sources;
    private Map<String, String> singleDay;
    private Map<String, String> range;
    private String singleDaySchema;
    private String rangeSchema;

    @BeforeEach
    void fetchThreeDaysIntoBothLakes() {
        Map<String, String> stack = singleDayLake.environment();
        trino = TrinoSession.open(stack);
        sources = SimulatedSources.start(stack, "reprocess", 20);
        singleDaySchema = trino.newSchemaName("reprocess_single_day");
        rangeSchema = trino.newSchemaName("reprocess_range");
        singleDay = environment(singleDayLake, singleDaySchema);
        range = environment(rangeLake, rangeSchema);
        for (LocalDate dt = FIRST; !dt.isAfter(LAST); dt = dt.plusDays(1)) {
            for (String fetch : List.of("extract-artists", "fetch-tracks-raw-json", "fetch-audio-features-raw-json")) {
                Cli.run(singleDay, fetch, "--dt", dt.toString()).ok();
            }
        }
        copyRawZone(singleDay, range);
    }

    @Test
    void aRangeKilledAfterItsFirstDayAndRunAgainIsPublishedAsTheSingleDayTasksPublishEachDay() throws Exception {
        for (LocalDate dt = FIRST; !dt.isAfter(LAST); dt = dt.plusDays(1)) {
            runTheDagsStepsOf(dt);
        }

        JarProcess killed = JarProcess.start(range, List.of("-Xmx256m"), "reprocess", "--from", FIRST.toString(),
                "--to", LAST.toString(), "--days-at-once", "1");
        awaitAFinishedDay(killed);
        killed.kill();
        Cli resumed = Cli.run(range, "reprocess", "--from", FIRST.toString(), "--to", LAST.toString()).ok();

        JsonNode summary = JSON.readTree(resumed.summaryLine());
        assertThat(summary.path("days").asInt()).isEqualTo(3);
        assertThat(summary.path("resumed").asInt()).isBetween(1, 2);
        assertThat(summary.path("reprocessed").asInt()).isEqualTo(3 - summary.path("resumed").asInt());
        for (Dataset dataset : Dataset.values()) {
            String table = dataset.folder();
            assertThat(trino.partitions(rangeSchema, table)).as(table)
                    .isEqualTo(trino.partitions(singleDaySchema, table))
                    .containsExactly(FIRST.toString(), FIRST.plusDays(1).toString(), LAST.toString());
            assertThat(rows(rangeSchema, table)).as(table).isNotEmpty().isEqualTo(rows(singleDaySchema, table));
        }
        assertThat(keys(range, PROGRESS)).as("a finished range forgets its progress").isEmpty();
        assertThat(keys(range, "staging/")).as("nothing staged is left behind").isEmpty();

        LocalDate before = FIRST.minusDays(30);
        Cli.run(range, "reprocess", "--from", before.toString(), "--to", before.plusDays(1).toString()).exitCode(99)
                .outContains("\"nothing_to_do\":[\"" + before + "\",\"" + before.plusDays(1) + "\"]");
    }

    /** The DAG's tasks of one day after the fetches, one by one, as single-day runs. */
    private void runTheDagsStepsOf(LocalDate dt) {
        String day = dt.toString();
        for (String dataset : List.of("artists", "top_tracks", "audio_features")) {
            Cli.run(singleDay, "flatten-to-parquet", "--dataset", dataset, "--dt", day).ok();
            Cli.run(singleDay, "load-s3", "--dataset", dataset, "--dt", day).ok();
        }
        Cli.run(singleDay, "compute-artist-similarity", "--dt", day).ok();
        Cli.run(singleDay, "load-s3", "--dataset", "artist_similarity", "--dt", day).ok();
        Cli.run(singleDay, "repair-athena-partitions", "--dt", day).ok();
    }

    /** Waits until the run has recorded a finished day; the test fails if it ends before, as the kill would miss. */
    private void awaitAFinishedDay(JarProcess run) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (keys(range, PROGRESS).isEmpty()) {
            assertThat(run.isAlive()).as("reprocess ended before a day was recorded; stderr:%n%s", run.err()).isTrue();
            assertThat(System.currentTimeMillis()).as("no day recorded within 180 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private List<String> rows(String schema, String table) {
        return trino.rows("SELECT * FROM " + schema + "." + table).stream().map(Object::toString)
                .sorted(Comparator.naturalOrder()).toList();
    }

    private Map<String, String> environment(FreshLake lake, String schema) {
        Map<String, String> environment = new HashMap<>(sources.environment(lake.environment()));
        environment.put("QUERY_ENGINE", "trino");
        environment.put("TRINO_URL", trino.url(schema));
        return environment;
    }

    private static void copyRawZone(Map<String, String> from, Map<String, String> to) {
        try (LakeConnection source = connect(from); LakeConnection target = connect(to)) {
            for (StoredObject object : source.store().list("raw/")) {
                try (InputStream in = source.store().open(object.key()).orElseThrow()) {
                    target.store().put(object.key(), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static List<String> keys(Map<String, String> environment, String prefix) {
        try (LakeConnection lake = connect(environment)) {
            ObjectStore store = lake.store();
            return new ArrayList<>(store.list(prefix).stream().map(StoredObject::key).toList());
        }
    }

    private static LakeConnection connect(Map<String, String> environment) {
        return Options.parse(new LakeOptions(), environment).connect();
    }
}
