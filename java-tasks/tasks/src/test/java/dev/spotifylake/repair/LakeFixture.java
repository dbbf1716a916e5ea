package dev.spotifylake.repair;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.curated.Publication;
import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.VersionName;
import dev.spotifylake.lake.VersionedPartition;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.RawDay;
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
     * Publishes what Trino wrote into a curated partition's folder the way load-s3 does: the files move into a new
     * version folder, and the partition's pointer names it, with {@code rows} rows (in at most one file).
     */
    LakeFixture manifest(Dataset dataset, LocalDate dt, long rows) {
        VersionedPartition partition = CuratedPartition.versions(lake.store(), dataset, dt);
        String version = VersionName.of(Instant.now());
        Map<String, Long> rowsByFile = new HashMap<>();
        for (StoredObject object : lake.store().list(partition.folder())) {
            String name = object.key().substring(partition.folder().length());
            if (!name.contains("/") && !name.startsWith("_") && !name.startsWith(".")) {
                lake.store().copy(object.key(), partition.versionFolder(version) + name);
                lake.store().delete(List.of(object.key()));
                rowsByFile.put(name, rows);
            }
        }
        if (rowsByFile.size() > 1) {
            throw new IllegalStateException("Trino wrote " + rowsByFile.size() + " files: give each its rows");
        }
        partition.commit(version, rowsByFile, null, LakeJson.JSON.valueToTree(new Publication(CuratedTables.of(dataset).version(), rows, 0, List.of(), List.of())),
                Instant.now());
        return this;
    }

    /**
     * A complete raw partition of one part file of JSON lines, as ingest leaves it, and in its version folder what a
     * real raw version holds besides data (_failures.json, a _progress/ record), none of which the raw table may read.
     */
    LakeFixture raw(Dataset dataset, LocalDate dt, List<String> lines) {
        RawDay.write(lake.store(), dataset, dt, List.of(lines));
        RawVersion current = new RawPartition(lake.store(), dataset, dt).current().orElseThrow();
        putJson(current.key("_progress/part-00000.json"), Map.of("part", "part-00000.json.gz"));
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
