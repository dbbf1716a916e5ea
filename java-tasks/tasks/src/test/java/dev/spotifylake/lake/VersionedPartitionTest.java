package dev.spotifylake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.MissingNode;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.testing.InMemoryObjectStore;

/** Which version readers see, what they refuse to read, and when replaced versions go. */
class VersionedPartitionTest {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String FOLDER = "curated/top_tracks/dt=2026-11-20/";

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final VersionedPartition partition = new VersionedPartition(store, Zone.CURATED, Dataset.TOP_TRACKS, DT,
            "run load-s3 --dataset top_tracks --dt 2026-11-20");

    @Test
    void aVersionIsCurrentOnlyOnceThePointerNamesIt() {
        String first = written(NOW.minusSeconds(60));
        String second = VersionName.of(NOW);
        store.put(partition.versionFolder(second) + "part-00000", new byte[] {1, 2});

        assertThat(partition.current()).map(Pointer::version).contains(first);

        Pointer pointer = partition.commit(second, Map.of("part-00000", 7L), null, MissingNode.getInstance(), NOW);

        assertThat(partition.current()).contains(pointer);
        assertThat(pointer.rows()).isEqualTo(7);
        assertThat(pointer.files()).containsExactly(new Pointer.VersionFile("part-00000", 7, 2));
        assertThat(pointer.retired()).containsExactly(new Pointer.Retired(first, NOW));
    }

    @Test
    void aPointerNamingAMissingVersionStopsReadersWithOneLineAndIsWrittenOverByWriters() {
        String version = written(NOW);
        store.delete(store.keys().stream().filter(key -> key.startsWith(partition.versionFolder(version))).toList());

        assertBroken("_manifest.json names version " + version + ", which is not there");
        assertThat(partition.complete()).as("for writers: not complete, to be written again").isEmpty();
    }

    @Test
    void aPointerWhoseFilesDoNotMatchItsVersionStopsReaders() {
        String version = written(NOW);
        store.put(partition.versionFolder(version) + "part-00001", new byte[] {9});

        assertBroken("_manifest.json lists 1 files of version " + version + ", which holds 2 others or of other sizes");
    }

    @Test
    void anUnparsablePointerStopsReadersAndTheNextCommitRetiresEveryVersionItCouldNotName() {
        String lost = written(NOW.minus(Duration.ofHours(5)));
        store.put(FOLDER + LakePaths.MANIFEST_FILE, "{\"version\": ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(partition::current).isInstanceOfSatisfying(TaskException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE)).hasMessageContaining("cannot be parsed");
        assertThat(partition.complete()).isEmpty();

        String next = written(NOW);

        assertThat(partition.current().orElseThrow().retired()).containsExactly(new Pointer.Retired(lost, NOW));
        assertThat(partition.deleteExpired(NOW.plus(Duration.ofMinutes(30)), Set.of())).as("within the grace").isEmpty();
        assertThat(partition.versionsPresent()).containsExactly(lost, next);
    }

    @Test
    void versionsOtherThanTheCurrentAndThePreviousGoOnceOutOfUseForTheGrace() {
        String oldest = written(NOW.minus(Duration.ofHours(9)));
        String kept = written(NOW.minus(Duration.ofHours(8)));
        String previous = written(NOW.minus(Duration.ofHours(7)));
        String current = written(NOW.minus(Duration.ofHours(6)));
        String abandoned = started(NOW.minus(Duration.ofHours(3)));
        String inProgress = started(NOW.minus(Duration.ofMinutes(10)));

        List<String> deleted = partition.deleteExpired(NOW, Set.of(kept));

        assertThat(deleted).containsExactly(oldest, abandoned);
        assertThat(partition.versionsPresent()).containsExactly(kept, previous, current, inProgress);
    }

    @Test
    void nothingGoesWhileTheVersionsWereReplacedLessThanTheGraceAgo() {
        written(NOW.minus(Duration.ofMinutes(150)));
        written(NOW.minus(Duration.ofMinutes(90)));
        written(NOW.minus(Duration.ofMinutes(30)));

        assertThat(partition.deleteExpired(NOW, Set.of())).isEmpty();
        assertThat(partition.versionsPresent()).hasSize(3);
    }

    private void assertBroken(String problem) {
        assertThatThrownBy(partition::current)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessage("s3://test-lake/" + FOLDER + ": " + problem + "; nothing was read. Write the partition again: "
                        + "run load-s3 --dataset top_tracks --dt 2026-11-20");
    }

    /** A version of one file, made current at the time it was started. */
    private String written(Instant at) {
        String version = started(at);
        partition.commit(version, Map.of("part-00000", 1L), null, MissingNode.getInstance(), at);
        return version;
    }

    private String started(Instant at) {
        String version = VersionName.of(at);
        store.put(partition.versionFolder(version) + "part-00000", new byte[] {1});
        return version;
    }
}
