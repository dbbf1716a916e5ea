package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.raw.RawPartition;

/**
 * Keeps the catalog in step with the lake: makes sure the schema and the tables of the datasets exist (their DDL is
 * idempotent), then registers partition dt=D of the curated and raw table of each dataset whose curated partition
 * is complete (its _manifest.json, which load-s3 writes last, exists). A dataset without one is skipped and
 * reported; so is a raw partition without part files (the files of {@link RawPartition#partKeys()}).
 */
public final class PartitionRepair {
    private static final Logger log = LoggerFactory.getLogger(PartitionRepair.class);

    private final ObjectStore lake;
    private final QueryEngine engine;
    private final CatalogSql sql;

    public PartitionRepair(ObjectStore lake, QueryEngine engine) {
        this.lake = requireNonNull(lake, "lake is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.sql = new CatalogSql(engine.dialect(), engine.schema(), lake.root());
    }

    public RepairReport repair(LocalDate dt, List<Dataset> datasets, RepairMode mode) {
        createTables(datasets);
        RepairReport report = new RepairReport();
        for (Dataset dataset : datasets) {
            if (mode.full()) {
                LakeTable.of(dataset).forEach(table -> repairTable(table, report));
            } else if (!curatedComplete(dataset, dt)) {
                log.info("{}: no complete curated partition for dt={} (no {}): skipped", dataset, dt, LakePaths.MANIFEST_FILE);
                report.skipped("dataset", dataset, "no complete curated partition (no " + LakePaths.MANIFEST_FILE + ")");
            } else {
                LakeTable.of(dataset).forEach(table -> register(table, dt, report));
            }
        }
        return report;
    }

    private void createTables(List<Dataset> datasets) {
        engine.createSchema(sql.createSchema());
        for (Dataset dataset : datasets) {
            for (LakeTable table : LakeTable.of(dataset)) {
                engine.execute(sql.createTable(table));
            }
        }
    }

    private void register(LakeTable table, LocalDate dt, RepairReport report) {
        if (table.zone() == Zone.RAW && new RawPartition(lake, table.dataset(), dt).partKeys().isEmpty()) {
            log.info("{}: no part files under {}: skipped", table, table.partitionKey(dt));
            report.skipped("table", table, "no part files under " + table.partitionKey(dt));
            return;
        }
        String location = table.partitionLocation(lake.root(), dt);
        long started = System.nanoTime();
        engine.registerPartition(sql.addPartition(table, dt));
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("{}: partition dt={} registered at {} in {} ms", table, dt, location, millis);
        report.registered(table, location, millis);
    }

    private void repairTable(LakeTable table, RepairReport report) {
        long started = System.nanoTime();
        engine.execute(sql.repairTable(table));
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("{}: every partition under its location registered in {} ms", table, millis);
        report.repaired(table, millis);
    }

    private boolean curatedComplete(Dataset dataset, LocalDate dt) {
        String manifest = LakePaths.partition(Zone.CURATED, dataset, dt) + LakePaths.MANIFEST_FILE;
        return lake.list(manifest).stream().anyMatch(object -> object.key().equals(manifest));
    }
}
