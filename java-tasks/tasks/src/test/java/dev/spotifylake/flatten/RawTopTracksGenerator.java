package dev.spotifylake.flatten;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.testing.SimulatedRaw;
import dev.spotifylake.testing.Options;

/**
 * The benchmark's input: a raw top-tracks day of {@code answers} answers (10 tracks each) from the simulator's
 * catalog, cut into {@code parts} gzip NDJSON part files, written to a local folder and uploaded to the lake of
 * the environment (LAKE_URI and the AWS variables) with the raw manifest and failures file ingest writes, in the
 * unversioned layout (parts directly in the partition folder) that readers still read and the benchmark registers.
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
            String partition = LakePaths.partition(Zone.RAW, Dataset.TOP_TRACKS, dt);
            int perPart = (answers + parts - 1) / parts;
            for (int part = 0; part < parts; part++) {
                Path file = folder.resolve(RawPartition.partFileName(part));
                try (OutputStream out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
                    for (int answer = part * perPart; answer < Math.min(answers, (part + 1) * perPart); answer++) {
                        out.write(raw.topTracksLine(answer, "US").getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        tracks += Catalog.TOP_TRACKS;
                    }
                }
                lake.store().put(partition + file.getFileName(), file);
                System.err.printf("part %d of %d written and uploaded%n", part + 1, parts);
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("dataset", Dataset.TOP_TRACKS.folder());
            manifest.put("dt", dt.toString());
            manifest.put("complete", true);
            manifest.put("responses", answers);
            manifest.put("counts", Map.of("tracks", tracks));
            ObjectMapper json = new ObjectMapper();
            lake.store().put(partition + LakePaths.MANIFEST_FILE, json.writeValueAsBytes(manifest));
            lake.store().put(partition + LakePaths.FAILURES_FILE,
                    json.writeValueAsBytes(Map.of("dataset", Dataset.TOP_TRACKS.folder(), "failures", List.of())));
            Files.write(folder.resolve(LakePaths.MANIFEST_FILE), new ObjectMapper().writeValueAsBytes(manifest));
        }
        System.out.println(tracks);
    }
}
