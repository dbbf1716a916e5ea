package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.spotifylake.common.Environment;
import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.testing.TrinoSession;

/**
 * Writes a small lake for integration tests as the pipeline's tasks would leave it. Curated Parquet is written by
 * Trino itself, through tables of a writer schema that lie over the same folders as the tables under test, so that
 * the files exist while the tables under test know none of their partitions; the curated _manifest.json and the
 * raw gzip NDJSON parts are written through the tasks' own lake client.
 */
final class LakeFixture implements AutoCloseable {
    private final TrinoSession trino;
    private final String writer;
    private final LakeConnection lake;

    LakeFixture(Map<String, String> stack, TrinoSession trino) {
        this.trino = requireNonNull(trino, "trino is null");
        this.lake = new LakeOptions(new Environment(stack)).connect();
        this.writer = trino.createSchema("writer");
        CatalogSql ddl = new CatalogSql(Dialect.TRINO, writer, LakeUri.parse(stack.get("LAKE_URI")));
        for (Dataset dataset : Dataset.values()) {
            trino.execute(ddl.createTable(new LakeTable(dataset.folder(), Zone.CURATED, dataset)));
        }
    }

    /** Curated rows written by Trino: {@code values} are the rows of {@code columns}, each ending with its dt. */
    LakeFixture curated(Dataset dataset, String columns, String values) {
        trino.execute("INSERT INTO " + writer + "." + dataset.folder() + " (" + columns + ", dt) VALUES " + values);
        return this;
    }

    /** Marks a curated partition complete, as load-s3 does last. */
    LakeFixture manifest(Dataset dataset, LocalDate dt, long rows) {
        lake.store().put(LakePaths.partition(Zone.CURATED, dataset, dt) + LakePaths.MANIFEST_FILE,
                ("{\"dataset\":\"" + dataset + "\",\"dt\":\"" + dt + "\",\"rows\":" + rows + "}").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * A raw part file of JSON lines, and beside it what a real raw partition holds besides data: _failures.json,
     * _manifest.json and a _progress/ record, none of which the raw table may read.
     */
    LakeFixture raw(Dataset dataset, LocalDate dt, List<String> lines) {
        RawPartition partition = new RawPartition(lake.store(), dataset, dt);
        try (PartFileWriter part = new PartFileWriter()) {
            lines.forEach(line -> part.write(json -> json.writeRaw(line.substring(1, line.length() - 1))));
            part.publish(lake.store(), partition.key(RawPartition.partFileName(0)));
        }
        partition.writeJson(LakePaths.FAILURES_FILE, List.of(Map.of("artist_id", "4gzpq5DPGxSnKTe4SA8HAU", "status", 404)));
        partition.writeJson("_progress/part-00000.json", Map.of("part", "part-00000.json.gz"));
        partition.writeJson(LakePaths.MANIFEST_FILE, Map.of("complete", true, "lines", lines.size()));
        return this;
    }

    @Override
    public void close() {
        lake.close();
    }
}
