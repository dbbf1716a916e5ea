package dev.spotifylake.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.LakeReader;
import dev.spotifylake.spotify.SpotifyId;
import dev.spotifylake.testing.Simulator;
import dev.spotifylake.testing.TestDatabase;

/**
 * What a fetch integration test runs on: a simulator of its own (faults as asked), a MySQL database of its own
 * seeded with the simulator's catalog (with ids it does not know and a malformed one), a fresh lake on the local
 * S3 server, and the artist snapshot of dt already extracted.
 */
final class IngestStage implements AutoCloseable {
    /** Fetches write dt=today: a past dt without raw data would be a late snapshot. */
    static final LocalDate DT = LocalDate.now(ZoneOffset.UTC);
    private static final Pattern PROGRESS_RECORD = Pattern.compile("/_progress/part-\\d{5}\\.json$");

    private final FreshLake freshLake;
    private final Map<String, String> stack;
    private final Simulator simulator;
    private final TestDatabase database;
    private final Map<String, String> environment;

    private IngestStage(FreshLake freshLake, Simulator simulator, TestDatabase database) {
        this.freshLake = freshLake;
        this.stack = freshLake.environment();
        this.simulator = simulator;
        this.database = database;
        this.environment = simulator.environment(database.environment(stack));
    }

    static IngestStage start(String name, String seed, String... serveOptions) {
        FreshLake freshLake = new FreshLake(name);
        Map<String, String> stack = freshLake.environment();
        Simulator simulator = Simulator.start(stack, serveOptions);
        TestDatabase database;
        try {
            database = TestDatabase.create(stack, "fetch");
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        IngestStage stage = new IngestStage(freshLake, simulator, database);
        try {
            database.load(seed);
            stage.run("extract-artists").ok();
        } catch (RuntimeException | AssertionError e) {
            stage.close();
            throw e;
        }
        return stage;
    }

    Simulator simulator() {
        return simulator;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Runs a subcommand in-process for dt with the options given. */
    Cli run(String subcommand, String... options) {
        List<String> args = new ArrayList<>(List.of(subcommand, "--dt", DT.toString()));
        args.addAll(List.of(options));
        return Cli.run(environment, args.toArray(String[]::new));
    }

    /** The ids of MySQL's artists that are Spotify ids: extract-artists leaves the others out of the snapshot. */
    Set<String> artistIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM artists")) {
            while (rows.next()) {
                if (SpotifyId.isValid(rows.getString(1))) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    List<JsonNode> lines(Dataset dataset) {
        try (LakeReader lake = lake()) {
            return lake.lines(dataset, DT);
        }
    }

    JsonNode failures(Dataset dataset) {
        try (LakeReader lake = lake()) {
            return lake.raw(dataset, DT).current().orElseThrow().failures();
        }
    }

    boolean isComplete(Dataset dataset) {
        try (LakeReader lake = lake()) {
            return lake.raw(dataset, DT).current().isPresent();
        }
    }

    Map<String, String> contents() throws Exception {
        try (LakeReader lake = lake()) {
            return lake.contents();
        }
    }

    LakeReader lake() {
        return new LakeReader(stack);
    }

    /** API requests (not token requests) the simulator saw, from the {@code from}-th logged request on. */
    List<Simulator.LoggedRequest> apiRequests(int from) {
        List<Simulator.LoggedRequest> log = simulator.requestLog();
        return log.subList(Math.min(from, log.size()), log.size()).stream().filter(Simulator.LoggedRequest::isApi).toList();
    }

    /**
     * The part records written whole. s3proxy's filesystem backend lists an upload in flight under a name of its
     * own ({@code part-00002.json-<uuid>}), which S3 never does: counted, it ended the wait a record too early.
     */
    static List<String> progressRecords(RawVersion version) {
        return version.keysStartingWith("_progress/").stream()
                .filter(key -> PROGRESS_RECORD.matcher(key).find())
                .toList();
    }

    /** Waits until the running task has written {@code count} parts (their progress records are in the lake). */
    void awaitParts(JarProcess task, Dataset dataset, int count) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (LakeReader lake = lake()) {
            while (lake.raw(dataset, DT).newestVersion().map(IngestStage::progressRecords).orElse(List.of())
                    .size() < count) {
                assertThat(task.isAlive()).as("the fetch ended before %d parts were written: %s", count, task.err()).isTrue();
                assertThat(System.nanoTime()).as("%d parts written within 60 s", count).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        try {
            simulator.close();
        } finally {
            try {
                database.close();
            } finally {
                freshLake.close();
            }
        }
    }
}
