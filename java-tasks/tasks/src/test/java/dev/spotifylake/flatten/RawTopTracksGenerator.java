package dev.spotifylake.flatten;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.testing.SimulatedRaw;
import dev.spotifylake.testing.Options;

/**
 * The benchmark's input: a raw top-tracks day of {@code answers} answers (10 tracks each) from the simulator's
 * catalog, cut into {@code parts} gzip NDJSON part files, written to a local folder and uploaded to the lake of
 * the environment (LAKE_URI and the AWS variables) as a version of the raw partition made current the way ingest
 * does it; the version's name goes to {@code LOCAL_DIR/version}, for the benchmark to register its folder.
 *
 * <p>Usage: {@code RawTopTracksGenerator ANSWERS PARTS DT LOCAL_DIR}
 */
public final class RawTopTracksGenerator {
    private RawTopTracksGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: RawTopTracksGenerator ANSWERS PARTS DT LOCAL_DIR");
            System.exit(2);
        }
        int answers = Integer.parseInt(args[0]);
        int parts = Integer.parseInt(args[1]);
        LocalDate dt = LocalDate.parse(args[2]);
        Path folder = Files.createDirectories(Path.of(args[3]));
        SimulatedRaw raw = new SimulatedRaw(42, answers);
        long tracks = 0;
        try (LakeConnection lake = Options.parse(new LakeOptions(), System.getenv()).connect()) {
            RawPartition partition = new RawPartition(lake.store(), Dataset.TOP_TRACKS, dt);
            RawVersion version = partition.startVersion(Instant.now());
            Map<String, Long> linesByPart = new LinkedHashMap<>();
            int perPart = (answers + parts - 1) / parts;
            for (int part = 0; part < parts; part++) {
                Path file = folder.resolve(RawPartition.partFileName(part));
                try (OutputStream out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
                    linesByPart.put(file.getFileName().toString(), (long) Math.max(0, Math.min(answers, (part + 1) * perPart) - part * perPart));
                    for (int answer = part * perPart; answer < Math.min(answers, (part + 1) * perPart); answer++) {
                        out.write(raw.topTracksLine(answer, "US").getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        tracks += Catalog.TOP_TRACKS;
                    }
                }
                lake.store().put(version.key(file.getFileName().toString()), file);
                System.err.printf("part %d of %d written and uploaded%n", part + 1, parts);
            }
            Map<String, Object> summary = Map.of("responses", answers, "counts", Map.of("tracks", tracks));
            partition.commit(version, linesByPart, "spotify", summary, List.of(), Instant.now());
            Files.writeString(folder.resolve("version"), version.name());
        }
        System.out.println(tracks);
    }
}
