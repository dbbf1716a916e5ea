package dev.spotifylake.testing;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.raw.RawPartition;

/** Reads a test's lake on the local S3 server through the tasks' own client, for assertions. */
public final class LakeReader implements AutoCloseable {
    private final LakeConnection lake;

    public LakeReader(Map<String, String> environment) {
        this.lake = Options.parse(new LakeOptions(), environment).connect();
    }

    public RawPartition raw(Dataset dataset, LocalDate dt) {
        return new RawPartition(lake.store(), dataset, dt);
    }

    /** Every line of the partition's part files. */
    public List<JsonNode> lines(Dataset dataset, LocalDate dt) {
        List<JsonNode> lines = new ArrayList<>();
        raw(dataset, dt).forEachLine(lines::add);
        return lines;
    }

    /** Every object of the lake with an MD5 of its bytes: two snapshots are equal when nothing changed. */
    public Map<String, String> contents() throws Exception {
        Map<String, String> contents = new TreeMap<>();
        for (StoredObject object : lake.store().list("")) {
            try (InputStream in = lake.store().open(object.key()).orElseThrow()) {
                contents.put(object.key(), HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(in.readAllBytes())));
            }
        }
        return contents;
    }

    @Override
    public void close() {
        lake.close();
    }
}
