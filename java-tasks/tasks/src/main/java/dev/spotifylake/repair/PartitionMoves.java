package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.engine.QueryEngine;
import dev.spotifylake.lake.LakeJson;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;

/**
 * Moves partitions so that a kill midway is finished by the next run. Trino moves a partition with two procedures
 * (unregister, then register): a repair killed between them leaves the partition out of the metastore, which readers
 * whose cache holds it do not notice until something flushes it. So a move that a kill can cut in two is recorded
 * in the lake first, {@code _catalog/<schema>/moves/<table>/dt=D.json} naming the folder it moves to, and the record
 * is deleted once readers see the result; every repair first finishes the moves such records name
 * ({@link #finishLeft()}), before anything it does can make readers load a partition from the metastore again.
 */
final class PartitionMoves {
    private static final Logger log = LoggerFactory.getLogger(PartitionMoves.class);

    /** A partition being moved to {@code location}, an s3:// folder without the final slash. */
    record Move(String table, String dt, String location) {
        Move {
            requireNonNull(table, "table is null");
            requireNonNull(dt, "dt is null");
            requireNonNull(location, "location is null");
        }
    }

    private final ObjectStore lake;
    private final QueryEngine engine;
    private final CatalogSql sql;
    private final String folder;

    PartitionMoves(ObjectStore lake, QueryEngine engine, CatalogSql sql) {
        this.lake = requireNonNull(lake, "lake is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.folder = LakePaths.pendingMoves(engine.schema());
    }

    /** Points a registered partition at another folder, recorded while it runs when a kill can cut it in two. */
    void move(LakeTable table, LocalDate dt, String location) {
        if (!sql.movesInTwoSteps()) {
            engine.changePartition(sql.movePartition(table, dt, location));
            return;
        }
        Move move = new Move(table.name(), dt.toString(), location);
        try {
            lake.put(key(move), LakeJson.JSON.writeValueAsBytes(move));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        engine.changePartition(sql.movePartition(table, dt, location));
        lake.delete(List.of(key(move)));
    }

    /**
     * Finishes the moves that killed runs left (none where a move is one statement): registers each partition at
     * the folder its record names, unless it is registered, and publishes it to readers; a table dropped since has
     * nothing to finish. Answers the moves.
     */
    List<Move> finishLeft() {
        if (!sql.movesInTwoSteps()) {
            return List.of();
        }
        List<Move> left = left();
        for (Move move : left) {
            Optional<LakeTable> table = LakeTable.named(move.table()).filter(named -> engine.table(named.name()).isPresent());
            if (table.isPresent()) {
                engine.changePartition(sql.addPartition(table.get(), LocalDate.parse(move.dt()), move.location()));
                log.info("{}: partition dt={} is registered, at {} unless it was: the move of a killed run is finished",
                        move.table(), move.dt(), move.location());
            }
            lake.delete(List.of(key(move)));
        }
        return left;
    }

    private List<Move> left() {
        List<Move> moves = new ArrayList<>();
        for (StoredObject object : lake.list(folder)) {
            Optional<InputStream> stream = lake.open(object.key());
            if (stream.isEmpty()) {
                continue; // finished meanwhile by a run at the same time
            }
            try (InputStream in = stream.get()) {
                moves.add(LakeJson.JSON.readValue(in, Move.class));
            } catch (JsonProcessingException e) {
                throw TaskException.notRetryable(lake.root().uriOf(object.key()) + " cannot be parsed ("
                        + e.getOriginalMessage() + "): delete it, then run repair-athena-partitions for the dt it names", e);
            } catch (IOException e) {
                throw TaskException.retryable("cannot read " + object.key() + ": " + e.getMessage(), e);
            }
        }
        return moves;
    }

    private String key(Move move) {
        return folder + move.table() + "/dt=" + move.dt() + ".json";
    }
}
