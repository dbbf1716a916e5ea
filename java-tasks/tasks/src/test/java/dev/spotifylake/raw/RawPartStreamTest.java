package dev.spotifylake.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.testing.InMemoryObjectStore;

/** The one reader of raw part files, as ingest reads a partition's lines as trees: values, order, and failures. */
class RawPartStreamTest {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RawPartition partition = new RawPartition(store, Dataset.ARTISTS, DT);
    private final RawVersion version = partition.startVersion(Instant.now());

    /** Makes the version, with the parts the test put, current. */
    private RawPartition committed() {
        Map<String, Long> parts = new LinkedHashMap<>();
        version.parts().forEach(part -> parts.put(LakePaths.fileName(part.key()), 0L));
        partition.commit(version, parts, null, Map.of(), List.of(), Instant.now());
        return partition;
    }

    @Test
    void parsersReadTheInflatedJsonInWideChunks() throws IOException {
        List<Integer> asked = new ArrayList<>();
        InputStream lines = new ByteArrayInputStream("{\"id\":\"a\"}\n".repeat(20_000).getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                asked.add(length);
                return super.read(buffer, offset, length);
            }
        };

        try (JsonParser json = RawPartStream.JSON.getFactory().createParser(lines)) {
            int values = 0;
            while (json.nextToken() != null) {
                json.skipChildren();
                values++;
            }
            assertThat(values).isEqualTo(20_000);
        }
        // Jackson's own default is 8,000 bytes: a call into zlib for every 8 KB of JSON
        assertThat(asked).isNotEmpty().allSatisfy(length -> assertThat(length).isEqualTo(1 << 16));
    }

    @Test
    void thePartitionsLinesArriveAsTreesInPartAndLineOrder() throws IOException {
        putPart(0, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
        putPart(1, "{\"id\":\"c\",\"extra\":[1,2]}\n");

        List<JsonNode> lines = new ArrayList<>();
        committed().forEachLine(lines::add);

        assertThat(lines).extracting(line -> line.path("id").asText()).containsExactly("a", "b", "c");
        assertThat(lines.get(2).path("extra").size()).isEqualTo(2);
    }

    @Test
    void aPartThatIsNotGzipIsABrokenContractNotARetry() {
        store.put(version.key(RawPartition.partFileName(0)), "{\"id\":\"a\"}\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> committed().forEachLine(line -> { }))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("is not a valid gzip file");
    }

    @Test
    void aLineThatIsNotJsonNamesItsLineAndTheTaskThatWritesThePartitionAgain() throws IOException {
        putPart(0, "{\"id\":\"a\"}\n{\"id\": tru}\n");

        assertThatThrownBy(() -> committed().forEachLine(line -> { }))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("part-00000.json.gz line 2 is not valid JSON");
        assertThatThrownBy(() -> partition.forEachLine(line -> { })).hasMessageContaining("write its partition again with "
                + "--force (raw/artists: extract-artists, raw/top_tracks: fetch-tracks-raw-json");
    }

    @Test
    void aPartTruncatedInTheLakeNamesTheFileAndAsksToFetchAgainInsteadOfARetry() throws IOException {
        byte[] whole = gzip("{\"id\":\"a\"}\n{\"id\":\"b\",\"name\":\"a long enough name to cut\"}\n");
        store.put(version.key(RawPartition.partFileName(0)), Arrays.copyOf(whole, whole.length - 12));

        assertThatThrownBy(() -> committed().forEachLine(line -> { }))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageStartingWith(version.key("part-00000.json.gz") + " is a truncated gzip file")
                .hasMessageContaining("write its partition again with --force")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aPartCorruptInTheLakeNamesTheFileAndAsksToFetchAgain() throws IOException {
        byte[] corrupt = gzip("{\"id\":\"a\"}\n".repeat(100));
        for (int i = 12; i < corrupt.length - 8; i += 3) {
            corrupt[i] ^= 0x5a;
        }
        store.put(version.key(RawPartition.partFileName(0)), corrupt);

        assertThatThrownBy(() -> committed().forEachLine(line -> { }))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageStartingWith(version.key("part-00000.json.gz") + " ")
                .hasMessageContaining("write its partition again with --force");
    }

    private void putPart(int number, String lines) throws IOException {
        store.put(version.key(RawPartition.partFileName(number)), gzip(lines));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
