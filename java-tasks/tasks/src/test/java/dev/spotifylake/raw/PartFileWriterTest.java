package dev.spotifylake.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.InMemoryObjectStore;

class PartFileWriterTest {
    private final InMemoryObjectStore lake = new InMemoryObjectStore();

    @Test
    void aPublishedPartIsGzipWithOneJsonObjectPerLine() throws IOException {
        try (PartFileWriter part = new PartFileWriter()) {
            part.write(json -> json.writeStringField("id", "a"));
            part.write(json -> json.writeNumberField("n", 2));
            part.publish(lake, "raw/x/part-00000.json.gz");
        }

        assertThat(gunzip("raw/x/part-00000.json.gz")).isEqualTo("{\"id\":\"a\"}\n{\"n\":2}\n");
    }

    @Test
    void aBodyIsWrittenVerbatimOnOneLine() throws IOException {
        byte[] body = "{\r\n  \"tracks\": [ {\"name\": \"a\\nb\"} ]\n}".getBytes(StandardCharsets.UTF_8);
        try (PartFileWriter part = new PartFileWriter()) {
            part.write(json -> {
                json.writeFieldName("body");
                RawJson.writeBody(json, body);
            });
            part.publish(lake, "raw/x/part-00000.json.gz");
        }

        assertThat(gunzip("raw/x/part-00000.json.gz")).isEqualTo("{\"body\":{    \"tracks\": [ {\"name\": \"a\\nb\"} ] }}\n");
    }

    @Test
    void aPartThatIsNotPublishedLeavesNothingBehind() throws IOException {
        List<Path> before = tempParts();
        try (PartFileWriter part = new PartFileWriter()) {
            part.write(json -> json.writeStringField("id", "a"));
        }

        assertThat(tempParts()).isEqualTo(before);
        assertThat(lake.keys()).isEmpty();
    }

    @Test
    void instantsAlwaysCarryMilliseconds() {
        assertThat(RawJson.instant(Instant.parse("2026-11-20T08:00:01Z"))).isEqualTo("2026-11-20T08:00:01.000Z");
        assertThat(RawJson.instant(Instant.parse("2026-11-20T08:00:01.123456Z"))).isEqualTo("2026-11-20T08:00:01.123Z");
    }

    private String gunzip(String key) throws IOException {
        try (var in = new GZIPInputStream(lake.open(key).orElseThrow())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> tempParts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("spotify-lake-part-")).sorted().toList();
        }
    }
}
