package dev.spotifylake.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which run folders a starting task deletes: those of dead processes, once older than the bound. */
class TempFolderTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path root;

    @Test
    void onlyFoldersOfDeadRunsOlderThanTheBoundAreDeleted() throws IOException {
        Path deadAndOld = run(101, NOW.minus(TempFolder.STALE_AFTER).minusSeconds(1));
        Files.writeString(deadAndOld.resolve("spotify-lake-part-1.json.gz"), "left by kill -9");
        Path deadButRecent = run(102, NOW.minus(TempFolder.STALE_AFTER).plusSeconds(60));
        Path aliveAndOld = run(103, NOW.minus(Duration.ofDays(2)));
        Path notARun = Files.createDirectories(root.resolve("something-else"));

        int removed = TempFolder.removeDeadRuns(root, NOW, pid -> Set.of(103L).contains(pid));

        assertThat(removed).isEqualTo(1);
        assertThat(deadAndOld).doesNotExist();
        assertThat(deadButRecent).exists();
        assertThat(aliveAndOld).exists();
        assertThat(notARun).exists();
    }

    @Test
    void aMissingRootIsNothingToClean() {
        assertThat(TempFolder.removeDeadRuns(root.resolve("absent"), NOW, pid -> false)).isZero();
    }

    @Test
    void aRunsFilesLiveInItsOwnFolderUnderTheRoot() {
        Path file = TempFolder.newFile("spotify-lake-test-", ".bin");

        assertThat(file.getParent()).isEqualTo(TempFolder.folder());
        assertThat(TempFolder.folder().getParent()).isEqualTo(TempFolder.root());
        assertThat(TempFolder.folder().getFileName().toString()).startsWith("run-" + ProcessHandle.current().pid() + "-");
    }

    private Path run(long pid, Instant started) throws IOException {
        return Files.createDirectories(root.resolve("run-" + pid + "-" + started.toEpochMilli()));
    }
}
