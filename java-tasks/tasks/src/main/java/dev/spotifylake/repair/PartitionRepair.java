package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.VersionedPartition;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;

/**
 * Keeps the catalog in step with the lake. First the tables: the schema and every table of the datasets exist
 * (their DDL is idempotent), and each curated table has its declared columns ({@link TableSchema}). Then the
 * partitions of each dataset whose curated partition is published (its _manifest.json, which load-s3 writes last,
 * exists): the curated table's partition dt=D is pointed at the version the manifest names and the raw table's at
 * the raw partition's current folder, whether the partition was missing or registered elsewhere. What the catalog
 * reads afterwards is read back for the report. Before a move, the pointer is checked against the version's folder:
 * a broken one stops repair with exit 2, and the catalog keeps what it read. Once a partition reads its current
 * version, the versions whose grace is over are deleted ({@link VersionedPartition#deleteExpired}), except the one
 * the catalog read before this run.
 *
 * <p>Before all that, the moves that repairs killed midway left are finished ({@link PartitionMoves}).
 *
 * <p>A dataset without a published partition is skipped and reported; so is a raw partition without part files.
 * The full mode does the same for every dt that has a manifest.
 */
public final class PartitionRepair {
    private static final Logger log = LoggerFactory.getLogger(PartitionRepair.class);

    private final ObjectStore lake;
    private final QueryEngine engine;
    private final Clock clock;
    private final CatalogSql sql;
    private final PartitionMoves moves;

    /** @param clock the time against which the grace period of retired versions is measured */
    public PartitionRepair(ObjectStore lake, QueryEngine engine, Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sql = new CatalogSql(engine.dialect(), engine.schema(), lake.root());
        this.moves = new PartitionMoves(lake, engine, sql);
    }

    public RepairReport repair(LocalDate dt, List<Dataset> datasets, RepairMode mode) {
        RepairReport report = new RepairReport();
        // first, as a table's DDL makes readers load its partitions from the metastore again
        moves.finishLeft().forEach(report::moveFinished);
        createTables(datasets, report);
        for (Dataset dataset : datasets) {
            for (LocalDate day : mode.full() ? CuratedPartition.publishedDays(lake, dataset) : List.of(dt)) {
                Optional<CuratedPartition> curated = CuratedPartition.published(lake, dataset, day);
                if (curated.isEmpty()) {
                    log.info("{}: no complete curated partition for dt={} (no {}): skipped", dataset, day, LakePaths.MANIFEST_FILE);
                    report.skipped("dataset", dataset, "no complete curated partition (no " + LakePaths.MANIFEST_FILE + ")");
                    continue;
                }
                for (LakeTable table : LakeTable.of(dataset)) {
                    if (table.zone() == Zone.CURATED) {
                        Placement placement = point(table, day, curated.get().location(), report);
                        deleteExpiredVersions(table, day, CuratedPartition.versions(lake, dataset, day), placement, report);
                    } else {
                        pointRaw(table, day, report);
                    }
                }
            }
        }
        return report;
    }

    private void createTables(List<Dataset> datasets, RepairReport report) {
        engine.createSchema(sql.createSchema());
        TableSchema schema = new TableSchema(engine, sql, lake.root());
        for (Dataset dataset : datasets) {
            for (LakeTable table : LakeTable.of(dataset)) {
                engine.execute(sql.createTable(table));
                if (table.zone() == Zone.CURATED) {
                    schema.bringToDeclaration(table).ifPresent(added -> report.columnsAdded(table, added));
                }
            }
        }
    }

    private void pointRaw(LakeTable table, LocalDate dt, RepairReport report) {
        RawPartition raw = new RawPartition(lake, table.dataset(), dt);
        Optional<RawVersion> current = raw.current();
        if (current.map(RawVersion::parts).filter(parts -> !parts.isEmpty()).isEmpty()) {
            log.info("{}: no part files under {}: skipped", table, raw.location());
            report.skipped("table", table, "no part files under " + raw.location());
            return;
        }
        Placement placement = point(table, dt, lake.root().uriOf(current.get().folder()), report);
        deleteExpiredVersions(table, dt, raw.versions(), placement, report);
    }

    /** Where the catalog read a partition before the run, and whether it now reads the folder wanted. */
    private record Placement(Optional<String> before, boolean readsWanted) {
    }

    /** Registers the partition at the folder, or moves it there when the catalog reads another; reports the result. */
    private Placement point(LakeTable table, LocalDate dt, String folder, RepairReport report) {
        String wanted = LakeTable.withoutSlash(folder);
        long started = System.nanoTime();
        Optional<String> before = readLocation(table, dt);
        Optional<String> after = before;
        String action = "unchanged";
        if (before.isEmpty()) {
            engine.changePartition(sql.addPartition(table, dt, wanted));
            after = readLocation(table, dt);
            action = "registered";
        }
        if (after.filter(wanted::equals).isEmpty()) {
            // registered elsewhere, or at a folder without files: moved, whatever registered it
            moves.move(table, dt, wanted);
            after = readLocation(table, dt);
            action = "moved";
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("{}: partition dt={} {}, the catalog reads {} (before: {}) in {} ms", table, dt, action,
                after.orElse("no file"), before.orElse("no file"), millis);
        report.registered(table, dt, action, after, before, millis);
        return new Placement(before, after.filter(wanted::equals).isPresent());
    }

    /** The folder of a file the catalog reads for the partition; empty when it reads none (or knows no partition). */
    private Optional<String> readLocation(LakeTable table, LocalDate dt) {
        return engine.query(sql.partitionFile(table, dt)).stream().findFirst()
                .map(row -> row.get(0))
                .map(path -> path.substring(0, path.lastIndexOf('/')));
    }

    /**
     * Once the catalog reads the current version, deletes the versions whose grace is over, but never the one the
     * catalog read before this run.
     */
    private void deleteExpiredVersions(LakeTable table, LocalDate dt, VersionedPartition versions, Placement placement,
            RepairReport report) {
        if (!placement.readsWanted()) {
            return;
        }
        Set<String> keep = placement.before().map(LakePaths::fileName).map(Set::of).orElse(Set.of());
        List<String> deleted = versions.deleteExpired(clock.instant(), keep);
        if (!deleted.isEmpty()) {
            report.deleted(table, dt, deleted);
        }
    }
}
