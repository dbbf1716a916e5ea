package dev.spotifylake.repair;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.TrinoSession;
import dev.spotifylake.testing.Options;

/**
 * A fresh lake of a test's own on the local stack, a Trino schema for the tables under test (which the task
 * creates), and a way to fill the lake as the pipeline's tasks would leave it. Curated Parquet is written by Trino
 * itself, through tables of a writer schema that lie over the same folders as the tables under test, so that the
 * files exist while the tables under test know none of their partitions; the curated _manifest.json and the raw
 * gzip NDJSON parts are written through the tasks' own lake client.
 */
final class LakeFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FreshLake freshLake;
    private final Map<String, String> environment;
    private final TrinoSession trino;
    private final String schema;
    private final String writer;
    private final LakeConnection lake;

    /** {@code purpose} names the lake's prefix and the schemas, for whoever looks at the stack after a failure. */
    LakeFixture(String purpose) {
        this.freshLake = new FreshLake(purpose);
        this.environment = new HashMap<>(freshLake.environment());
        this.trino = TrinoSession.open(environment);
        this.schema = trino.newSchemaName(purpose);
        this.writer = trino.createSchema(purpose + "_writer");
        environment.put("QUERY_ENGINE", "trino");
        environment.put("TRINO_URL", trino.url(schema));
        this.lake = Options.parse(new LakeOptions(), environment).connect();
        CatalogSql ddl = new CatalogSql(Dialect.TRINO, writer, LakeUri.parse(environment.get("LAKE_URI")));
        for (Dataset dataset : Dataset.values()) {
            trino.execute(ddl.createTable(new LakeTable(dataset.folder(), Zone.CURATED, dataset)));
        }
    }

    /** The stack's environment pointed at this lake and at the schema under test, on Trino. */
    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** The schema of the tables under test. */
    String schema() {
        return schema;
    }

    TrinoSession trino() {
        return trino;
    }

    /** The test's lake, through the tasks' own client. */
    ObjectStore store() {
        return lake.store();
    }

    /** Curated rows written by Trino: {@code values} are the rows of {@code columns}, each ending with its dt. */
    LakeFixture curated(Dataset dataset, String columns, String values) {
        trino.execute("INSERT INTO " + writer + "." + dataset.folder() + " (" + columns + ", dt) VALUES " + values);
        return this;
    }

    /**
     * Marks a curated partition complete as load-s3 did before versions: a manifest without a version, whose files
     * lie in the partition's folder itself.
     */
    LakeFixture manifest(Dataset dataset, LocalDate dt, long rows) {
        lake.store().put(LakePaths.partition(Zone.CURATED, dataset, dt) + LakePaths.MANIFEST_FILE,
                ("{\"dataset\":\"" + dataset + "\",\"dt\":\"" + dt + "\",\"rows\":" + rows
                        + ",\"files\":[],\"reject_files\":[],\"raw_files\":[]}").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * A raw part file of JSON lines in the unversioned layout (directly in the partition folder, which readers
     * still read), and beside it what a real raw partition holds besides data: _failures.json, _manifest.json
     * and a _progress/ record, none of which the raw table may read.
     */
    LakeFixture raw(Dataset dataset, LocalDate dt, List<String> lines) {
        String folder = LakePaths.partition(Zone.RAW, dataset, dt);
        try (PartFileWriter part = new PartFileWriter()) {
            lines.forEach(line -> part.write(json -> json.writeRaw(line.substring(1, line.length() - 1))));
            part.publish(lake.store(), folder + RawPartition.partFileName(0));
        }
        putJson(folder + LakePaths.FAILURES_FILE,
                Map.of("failures", List.of(Map.of("artist_id", "4gzpq5DPGxSnKTe4SA8HAU", "status", 404))));
        putJson(folder + "_progress/part-00000.json", Map.of("part", "part-00000.json.gz"));
        putJson(folder + LakePaths.MANIFEST_FILE, Map.of("complete", true, "lines", lines.size()));
        return this;
    }

    private void putJson(String key, Object value) {
        try {
            lake.store().put(key, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops the schemas and deletes everything under the test's own prefix of the lake. */
    @Override
    public void close() throws SQLException {
        try {
            lake.close();
        } finally {
            try {
                trino.close();
            } finally {
                freshLake.close();
            }
        }
    }
}
