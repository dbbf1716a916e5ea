package dev.spotifylake.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.testing.InMemoryObjectStore;

/** Which version of a raw partition readers see, and when superseded versions go. */
class RawPartitionTest {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RawPartition partition = new RawPartition(store, Dataset.TOP_TRACKS, DT);

    @Test
    void aPartitionInTheUnversionedLayoutIsReadAsItsOwnCurrentVersion() {
        store.put(partition.location() + "part-00000.json.gz", new byte[] {1});
        store.put(partition.location() + LakePaths.FAILURES_FILE, "{\"failures\": []}".getBytes(StandardCharsets.UTF_8));

        assertThat(partition.currentFolder()).isEqualTo("raw/top_tracks/dt=2026-11-20/");
        assertThat(partition.partKeys()).containsExactly("raw/top_tracks/dt=2026-11-20/part-00000.json.gz");
    }

    @Test
    void aNewVersionIsInvisibleUntilItIsComplete() {
        RawVersion first = written(NOW.minusSeconds(60));
        RawVersion second = partition.startVersion(NOW);
        store.put(second.key("part-00000.json.gz"), new byte[] {2});

        assertThat(partition.currentFolder()).isEqualTo(first.folder());
        assertThat(partition.partKeys()).containsExactly(first.key("part-00000.json.gz"));
        assertThat(partition.newestVersion()).map(RawVersion::folder).contains(second.folder());

        partition.complete(second, Map.of(), List.of(), NOW);

        assertThat(partition.currentFolder()).isEqualTo(second.folder()).endsWith("/");
        assertThat(partition.partKeys()).containsExactly(second.key("part-00000.json.gz"));
        assertThat(partition.readJson(LakePaths.FAILURES_FILE).orElseThrow().path("previous_version").asText())
                .isEqualTo(first.name());
    }

    @Test
    void anIncompletePartitionHasNoFolderToRegister() {
        store.put(partition.startVersion(NOW).key("part-00000.json.gz"), new byte[] {1});

        assertThat(partition.partKeys()).isEmpty();
        assertThat(partition.hasAnyPartFile()).isTrue();
        assertThatThrownBy(partition::currentFolder)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE));
    }

    @Test
    void versionsOtherThanTheCurrentAndThePreviousAreDeletedOnceTheGraceIsOver() {
        store.put(partition.location() + "part-00000.json.gz", new byte[] {0});
        store.put(partition.location() + "_progress/part-00000.json", new byte[] {0});
        RawVersion oldest = written(NOW.minus(Duration.ofHours(5)));
        RawVersion previous = written(NOW.minus(Duration.ofHours(4)));
        RawVersion current = written(NOW.minus(Duration.ofHours(3)));
        RawVersion abandoned = partition.startVersion(NOW.minus(Duration.ofHours(2)));
        store.put(abandoned.key("part-00000.json.gz"), new byte[] {4});
        RawVersion inProgress = partition.startVersion(NOW.minus(Duration.ofMinutes(10)));
        store.put(inProgress.key("part-00000.json.gz"), new byte[] {5});

        partition.deleteExpiredVersions(NOW);

        assertThat(store.keys()).containsExactlyInAnyOrder(
                partition.location() + LakePaths.MANIFEST_FILE, partition.location() + LakePaths.FAILURES_FILE,
                previous.key("part-00000.json.gz"), current.key("part-00000.json.gz"), inProgress.key("part-00000.json.gz"));
        assertThat(oldest.partKeys()).isEmpty();
    }

    @Test
    void nothingIsDeletedWhileTheCurrentVersionIsYoungerThanTheGrace() {
        RawVersion first = written(NOW.minus(Duration.ofHours(5)));
        written(NOW.minus(Duration.ofHours(4)));
        written(NOW.minus(Duration.ofMinutes(30)));

        partition.deleteExpiredVersions(NOW);

        assertThat(first.partKeys()).hasSize(1);
    }

    /** A version with one part, made current at the time it was started. */
    private RawVersion written(Instant at) {
        RawVersion version = partition.startVersion(at);
        store.put(version.key("part-00000.json.gz"), new byte[] {1});
        partition.complete(version, Map.of(), List.of(), at);
        return version;
    }
}
