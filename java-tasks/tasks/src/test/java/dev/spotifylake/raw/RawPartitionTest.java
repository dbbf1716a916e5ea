package dev.spotifylake.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.testing.InMemoryObjectStore;

/** Which version of a raw partition readers see. */
class RawPartitionTest {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RawPartition partition = new RawPartition(store, Dataset.TOP_TRACKS, DT);

    @Test
    void aNewVersionIsInvisibleUntilItIsComplete() {
        RawVersion first = written(NOW.minusSeconds(60));
        RawVersion second = partition.startVersion(NOW);
        store.put(second.key("part-00000.json.gz"), new byte[] {2});

        assertThat(partition.current()).map(RawVersion::folder).contains(first.folder());
        assertThat(partition.partKeys()).containsExactly(first.key("part-00000.json.gz"));
        assertThat(partition.newestVersion()).map(RawVersion::folder).contains(second.folder());

        partition.commit(second, Map.of("part-00000.json.gz", 1L), null, Map.of(), List.of(), NOW);

        assertThat(partition.current()).map(RawVersion::folder).contains(second.folder());
        assertThat(partition.partKeys()).containsExactly(second.key("part-00000.json.gz"));
        assertThat(partition.current().orElseThrow().pointer().orElseThrow().retired())
                .extracting(retired -> retired.version()).containsExactly(first.name());
    }

    @Test
    void anIncompletePartitionHasNoCurrentVersion() {
        store.put(partition.startVersion(NOW).key("part-00000.json.gz"), new byte[] {1});

        assertThat(partition.current()).isEmpty();
        assertThat(partition.partKeys()).isEmpty();
        assertThat(partition.hasAnyPartFile()).isTrue();
    }

    /** A version with one part, made current at the time it was started. */
    private RawVersion written(Instant at) {
        RawVersion version = partition.startVersion(at);
        store.put(version.key("part-00000.json.gz"), new byte[] {1});
        partition.commit(version, Map.of("part-00000.json.gz", 1L), null, Map.of(), List.of(), at);
        return version;
    }
}
