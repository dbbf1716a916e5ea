package dev.spotifylake.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.RawDay;
import dev.spotifylake.testing.SimulatedRaw;
import dev.spotifylake.testing.Options;

/** The temporary files of flatten and load-s3 killed with -9 on the local stack: a later run sweeps them. */
class TempFolderIT {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);

    @RegisterExtension
    final FreshLake freshLake = new FreshLake("temp-folder");
    private final Map<String, String> stack = freshLake.environment();
    private final LakeConnection lake = Options.parse(new LakeOptions(), stack).connect();

    @TempDir
    Path tmp;

    @AfterEach
    void closeTheLake() {
        lake.close();
    }

    @Test
    void afterKill9OfFlattenAndLoadALaterRunLeavesNoTempFolderOlderThanTheBound() throws Exception {
        SimulatedRaw simulated = new SimulatedRaw(3, 4000);
        List<List<String>> parts = new ArrayList<>();
        for (String market : List.of("US", "SE", "DE")) {
            parts.add(simulated.topTracksLines(0, 4000, market));
        }
        RawDay.write(lake.store(), Dataset.TOP_TRACKS, DT, parts);

        Path flattenRun = killWhen(run -> contains(run, name -> name.contains("snappyjava")),
                "flatten-to-parquet", "--dataset", "top_tracks", "--dt", DT.toString(), "--rows-per-file", "20000");
        assertThat(contents(tmp)).as("nothing of the killed flatten outside its run folder")
                .allMatch(path -> path.startsWith(tmp.resolve("spotify-lake")));
        JarProcess flatten = task("flatten-to-parquet", "--dataset", "top_tracks", "--dt", DT.toString());
        assertThat(flatten.waitFor(120)).as(flatten.err()).isZero();
        Path loadRun = killWhen(run -> true, "load-s3", "--dataset", "top_tracks", "--dt", DT.toString());
        assertThat(flattenRun).exists();
        Path agedFlatten = olderThanTheBound(flattenRun);
        Path agedLoad = olderThanTheBound(loadRun);

        JarProcess later = task("load-s3", "--dataset", "top_tracks", "--dt", DT.toString());
        assertThat(later.waitFor(120)).as(later.err()).isZero();

        assertThat(agedFlatten).doesNotExist();
        assertThat(agedLoad).doesNotExist();
        assertThat(contents(tmp)).as("the later run removed its own folder on exit; nothing else is left")
                .containsExactly(tmp.resolve("spotify-lake"));
    }

    /** Starts a task, waits for its run folder to satisfy {@code ready}, kills it with -9 and answers the folder. */
    private Path killWhen(Predicate<Path> ready, String... args) throws Exception {
        JarProcess task = task(args);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            assertThat(task.isAlive()).as("%s still running when its run folder is ready; stderr:%n%s", args[0], task.err()).isTrue();
            assertThat(System.nanoTime()).as("a run folder within 60 s").isLessThan(deadline);
            Path run = runFolderOf(task);
            if (run != null && ready.test(run)) {
                task.kill();
                return run;
            }
            Thread.sleep(5);
        }
    }

    private JarProcess task(String... args) {
        return JarProcess.start(stack, List.of("-Xmx128m", "-Djava.io.tmpdir=" + tmp), args);
    }

    private Path runFolderOf(JarProcess task) throws IOException {
        Path root = tmp.resolve("spotify-lake");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(root)) {
            return runs.filter(run -> run.getFileName().toString().startsWith("run-" + task.pid() + "-")).findFirst().orElse(null);
        }
    }

    /** Renames a run folder as if its run had started longer ago than the bound. */
    private static Path olderThanTheBound(Path run) throws IOException {
        String pid = run.getFileName().toString().split("-")[1];
        long started = Instant.now().minus(TempFolder.STALE_AFTER).minusSeconds(60).toEpochMilli();
        return Files.move(run, run.resolveSibling("run-" + pid + "-" + started));
    }

    private static boolean contains(Path folder, Predicate<String> name) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> name.test(file.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> contents(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.toList();
        }
    }
}
