package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.lake.Zone;

/**
 * A catalog table over one zone of one dataset: {@code top_tracks} over curated/top_tracks/, {@code raw_top_tracks}
 * over raw/top_tracks/. Its DDL is {@code sql/<dialect>/tables/<name>.sql}.
 */
record LakeTable(String name, Zone zone, Dataset dataset) {
    LakeTable {
        requireNonNull(name, "name is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(dataset, "dataset is null");
    }

    /** The curated Parquet table, then the raw JSON table of a dataset; a derived dataset has no raw table. */
    static List<LakeTable> of(Dataset dataset) {
        LakeTable curated = new LakeTable(dataset.folder(), Zone.CURATED, dataset);
        return dataset.derived() ? List.of(curated) : List.of(curated, new LakeTable("raw_" + dataset.folder(), Zone.RAW, dataset));
    }

    /** The partition's folder, relative to the lake root and ending with a slash. */
    String partitionKey(LocalDate dt) {
        return LakePaths.partition(zone, dataset, dt);
    }

    /** The partition's location for the catalog, without the final slash (each dialect's SQL adds one if it wants). */
    String partitionLocation(LakeUri root, LocalDate dt) {
        return root.uriOf(partitionKey(dt)).replaceAll("/$", "");
    }

    @Override
    public String toString() {
        return name;
    }
}
