package dev.spotifylake.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run keeps its local temporary files (raw parts and Parquet files before upload, reject spools, the
 * native library snappy-java unpacks): one folder per JVM, {@code <java.io.tmpdir>/spotify-lake/run-<pid>-<start
 * millis>/}, deleted when the JVM exits (normally, by System.exit, or on SIGTERM). A run killed with -9 cannot
 * delete its own: each task, as it starts, deletes the folders of runs whose process is gone and that started
 * more than {@link #STALE_AFTER} ago. The age guards a tmpdir shared with other containers, whose processes a
 * worker cannot see: no task runs that long.
 */
public final class TempFolder {
    public static final Duration STALE_AFTER = Duration.ofHours(6);
    private static final Logger log = LoggerFactory.getLogger(TempFolder.class);
    private static final Pattern RUN = Pattern.compile("run-(\\d+)-(\\d+)");
    private static Path folder;

    private TempFolder() {
    }

    /** {@code <java.io.tmpdir>/spotify-lake/}, the parent of every run's folder. */
    public static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "spotify-lake");
    }

    /**
     * Called by every task as it starts: deletes the folders of dead runs, and makes snappy-java unpack its native
     * library into this run's folder, which goes with the run, instead of one more copy in the tmpdir.
     */
    public static void start() {
        int removed = removeDeadRuns(root(), Instant.now(), TempFolder::isAlive);
        if (removed > 0) {
            log.info("deleted the temporary folders of {} runs that ended without cleaning up", removed);
        }
        System.setProperty("org.xerial.snappy.tempdir", folder().toString());
    }

    /** A new empty file in this run's folder; the caller deletes it when done, the exit of the run at the latest. */
    public static Path newFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(folder(), prefix, suffix);
        } catch (IOException e) {
            throw TaskException.retryable("cannot create a temporary file under " + folder() + ": " + e.getMessage(), e);
        }
    }

    /** This run's folder, made on first use. */
    public static synchronized Path folder() {
        if (folder == null) {
            Path created = root().resolve("run-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis());
            try {
                Files.createDirectories(created);
            } catch (IOException e) {
                throw TaskException.retryable("cannot create the temporary folder " + created + ": " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created), "temp-folder-cleanup"));
            folder = created;
        }
        return folder;
    }

    /** Deletes the run folders under {@code root} whose process is not alive and that started before the bound. */
    static int removeDeadRuns(Path root, Instant now, LongPredicate alive) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> runs;
        try (Stream<Path> children = Files.list(root)) {
            runs = children.toList();
        } catch (IOException e) {
            log.warn("cannot list {} to delete the folders of dead runs: {}", root, e.getMessage());
            return 0;
        }
        int removed = 0;
        for (Path run : runs) {
            Matcher name = RUN.matcher(run.getFileName().toString());
            if (name.matches() && !run.equals(folder) && !alive.test(Long.parseLong(name.group(1)))
                    && Instant.ofEpochMilli(Long.parseLong(name.group(2))).plus(STALE_AFTER).isBefore(now)) {
                deleteTree(run);
                removed++;
            }
        }
        return removed;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path top) {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left goes with the next task's sweep
            log.debug("cannot delete {} entirely: {}", top, e.getMessage());
        }
    }
}
