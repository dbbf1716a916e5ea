package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.engine.QueryEngineOptions;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.CrashingObjectStore;
import dev.spotifylake.testing.CrashingQueryEngine;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.Options;
import dev.spotifylake.testing.RawDay;
import dev.spotifylake.testing.SimulatedRaw;
import dev.spotifylake.testing.TrinoSession;

/**
 * A reader polls a curated partition's row count through Trino while load-s3 and repair-athena-partitions publish
 * it again with another row count in several Parquet files, run through or killed with -9. Every observation must
 * be a count some complete publication had: never a mix of two versions' files, nor an empty partition while repair
 * moves it (the partition catalog moves it, the readers' catalog switches at the flush). The figures go to the log.
 * A repair killed right after Trino's unregister is one whose catalog dies before the register statement.
 */
class AtomicPublishTrinoIT {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two contents of the partition, in top-tracks answers: their row counts differ. */
    private static final int[] ANSWERS = {40, 70};

    private final SimulatedRaw simulated = new SimulatedRaw(7, 100);
    private final LakeFixture lake = new LakeFixture("atomic");
    private final Map<String, String> stack = lake.environment();
    private final String count = "SELECT count(*) FROM " + lake.schema() + ".top_tracks WHERE dt = '" + DT + "'";

    @AfterEach
    void cleanUp() throws Exception {
        lake.close();
    }

    @Test
    void aPollingReaderSeesTheOldOrTheNewCountWhileLoadAndRepairPublishAgain() throws Exception {
        List<Long> rows = new ArrayList<>();
        rows.add(stage(ANSWERS[0]));
        publishAndRepair();
        try (Poller poller = new Poller(stack, count)) {
            for (int load = 1; load <= 3; load++) {
                rows.add(stage(ANSWERS[load % 2]));
                publishAndRepair();
                assertThat(lake.trino().number(count)).isEqualTo(rows.get(load));
            }
            poller.report("3 loads", rows).assertNoMix();
        }
    }

    @Test
    void aPollingReaderSeesNoMixWhenLoadAndRepairAreKilledAtRandomPointsBeforeAndAfterTheRerun() throws Exception {
        List<Long> rows = new ArrayList<>();
        rows.add(stage(ANSWERS[0]));
        publishAndRepair();
        Random random = new Random(14);
        try (Poller poller = new Poller(stack, count)) {
            for (int trial = 1; trial <= 10; trial++) {
                rows.add(stage(ANSWERS[trial % 2]));
                killAfter(random.nextInt(800), "load-s3", "--dataset", "top_tracks", "--dt", DT.toString());
                killAfter(random.nextInt(1500), "repair-athena-partitions", "--dataset", "top_tracks", "--dt", DT.toString());
                poller.mark();
                publishAndRepair();
                assertThat(lake.trino().number(count)).as("after the re-run of trial %d", trial).isEqualTo(rows.get(trial));
            }
            poller.report("10 kill points of load-s3 and 10 of repair", rows).assertNoMix();
        }
    }

    @Test
    void aRepairKilledBetweenUnregisterAndRegisterLeavesReadersAVersionAndTheNextRepairOfAnyDtRegistersItAgain() throws Exception {
        long old = stage(ANSWERS[0]);
        publishAndRepair();
        long published = stage(ANSWERS[1]);
        Cli.run(stack, "load-s3", "--dataset", "top_tracks", "--dt", DT.toString()).ok();
        String metastore = "SELECT dt FROM " + stack.get("TRINO_PARTITION_CATALOG") + "." + lake.schema() + ".\"top_tracks$partitions\"";
        try (Poller poller = new Poller(stack, count)) {
            poller.mark();
            try (QueryEngine trino = Options.parse(new QueryEngineOptions(), stack).open(Options.parse(new LakeOptions(), stack), "killed")) {
                QueryEngine killed = CrashingQueryEngine.dyingBefore("system.register_partition", trino);
                assertThatThrownBy(() -> new PartitionRepair(lake.store(), killed, Clock.systemUTC())
                        .repair(DT, List.of(Dataset.TOP_TRACKS), RepairMode.ADD)).isInstanceOf(CrashingObjectStore.Killed.class);
            }
            assertThat(lake.trino().rows(metastore)).as("the kill left the partition out of the metastore").isEmpty();
            poller.mark();

            Cli nextDay = Cli.run(stack, "repair-athena-partitions", "--dataset", "top_tracks", "--dt", DT.plusDays(1).toString())
                    .exitCode(99);
            // what a restart of Trino does to readers: they load the partition from the metastore
            lake.trino().execute("CALL system.flush_metadata_cache(schema_name => '" + lake.schema() + "', table_name => "
                    + "'top_tracks', partition_columns => ARRAY['dt'], partition_values => ARRAY['" + DT + "'])");
            assertThat(lake.trino().number(count)).as("a reader without the partition cached, after the next day's repair")
                    .isEqualTo(published);
            nextDay.outContains("\"moves_finished\":[{\"table\":\"top_tracks\",\"dt\":\"" + DT + "\"");

            Cli.run(stack, "repair-athena-partitions", "--dataset", "top_tracks", "--dt", DT.toString()).ok()
                    .outContains("\"moves_finished\":[]");
            assertThat(lake.trino().number(count)).isEqualTo(published);
            poller.report("a repair killed between unregister and register", List.of(old, published)).assertNoMix();
        }
    }

    @Test
    void aPartitionRegisteredAtAWrongLocationIsMovedToTheCurrentVersionByRepair() throws Exception {
        stage(ANSWERS[0]);
        publishAndRepair();
        String wrong = JSON.readTree(Cli.run(stack, "repair-athena-partitions", "--dataset", "top_tracks", "--dt", DT.toString())
                .ok().summaryLine()).path("registered").get(0).path("location").asText();
        long published = stage(ANSWERS[1]);
        publishAndRepair();
        assertThat(lake.trino().number(count)).isEqualTo(published);
        // registered by hand at the version before, which the grace period keeps
        lake.trino().execute("CALL system.unregister_partition('" + lake.schema() + "', 'top_tracks', ARRAY['dt'], ARRAY['" + DT + "'])");
        lake.trino().execute("CALL system.register_partition('" + lake.schema() + "', 'top_tracks', ARRAY['dt'], ARRAY['" + DT
                + "'], '" + wrong + "')");

        JsonNode summary = JSON.readTree(Cli.run(stack, "repair-athena-partitions", "--dt", DT.toString(), "--dataset", "top_tracks")
                .ok().summaryLine());

        JsonNode entry = summary.path("registered").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("moved");
        assertThat(entry.path("before").asText()).isEqualTo(wrong);
        assertThat(entry.path("location").asText()).startsWith(stack.get("LAKE_URI") + "/curated/top_tracks/dt=" + DT + "/_v")
                .isNotEqualTo(wrong);
        assertThat(lake.trino().number(count)).isEqualTo(published);
    }

    /** A raw day of {@code answers} top-tracks answers in parts of 10, flattened into files of 100 rows: the rows. */
    private long stage(int answers) throws Exception {
        List<List<String>> parts = new ArrayList<>();
        for (int from = 0; from < answers; from += 10) {
            parts.add(simulated.topTracksLines(from, Math.min(answers, from + 10), "US"));
        }
        RawDay.write(lake.store(), Dataset.TOP_TRACKS, DT, parts);
        Cli flatten = Cli.run(stack, "flatten-to-parquet", "--dataset", "top_tracks", "--dt", DT.toString(), "--rows-per-file", "100").ok();
        return JSON.readTree(flatten.summaryLine()).path("rows").asLong();
    }

    private void publishAndRepair() {
        Cli.run(stack, "load-s3", "--dataset", "top_tracks", "--dt", DT.toString()).ok();
        Cli.run(stack, "repair-athena-partitions", "--dataset", "top_tracks", "--dt", DT.toString()).ok();
    }

    /** The task as Airflow runs it, killed with -9 after the delay unless it ended before. */
    private void killAfter(long millis, String... args) throws InterruptedException {
        JarProcess task = JarProcess.start(stack, List.of(), args);
        Thread.sleep(millis);
        task.kill();
    }

    /** A reader of its own session that runs the count query again and again until closed. */
    private static final class Poller implements AutoCloseable {
        private final ConcurrentLinkedQueue<Long> observations = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private List<Long> counts = List.of();

        Poller(Map<String, String> stack, String query) {
            thread = new Thread(() -> {
                try (TrinoSession reader = TrinoSession.open(stack)) {
                    while (running.get()) {
                        try {
                            observations.add(reader.number(query));
                        } catch (IllegalStateException e) {
                            // a query that fails is an observation too: a reader must never get one
                            failures.add(e.getMessage());
                        }
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }, "poller");
            thread.start();
        }

        /** Makes sure the reader observed the state a kill left, before the re-run changes it. */
        void mark() throws InterruptedException {
            int seen = observations.size() + failures.size();
            while (observations.size() + failures.size() < seen + 3 && thread.isAlive()) {
                Thread.sleep(10);
            }
        }

        Poller report(String what, List<Long> published) {
            counts = List.copyOf(published);
            long complete = observations.stream().filter(counts::contains).count();
            long missing = observations.stream().filter(observed -> observed == 0).count();
            System.out.printf("polled reader, %s: %d observations, %d of a complete publication %s, %d of an empty "
                    + "partition, %d mixed, %d failed queries%n", what, observations.size(), complete,
                    counts.stream().distinct().toList(), missing, observations.size() - complete - missing, failures.size());
            return this;
        }

        void assertNoMix() {
            assertThat(failures).as("queries the reader saw fail").isEmpty();
            assertThat(observations).as("observations").isNotEmpty()
                    .allMatch(counts::contains);
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
