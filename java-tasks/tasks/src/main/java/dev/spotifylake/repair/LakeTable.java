package dev.spotifylake.repair;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.Zone;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.schema.TableMapping;

/**
 * A catalog table over one zone of one dataset: {@code top_tracks} over curated/top_tracks/, {@code raw_top_tracks}
 * over raw/top_tracks/. A curated table's DDL follows from its declaration in {@link CuratedTables}; a raw table's
 * is {@code sql/<dialect>/tables/raw_<dataset>.sql}.
 */
record LakeTable(String name, Zone zone, Dataset dataset) {
    LakeTable {
        requireNonNull(name, "name is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(dataset, "dataset is null");
    }

    /** The curated Parquet table of a dataset, then its raw JSON table; a derived dataset has no raw table. */
    static List<LakeTable> of(Dataset dataset) {
        LakeTable curated = curated(dataset);
        return dataset.derived() ? List.of(curated) : List.of(curated, new LakeTable("raw_" + dataset.folder(), Zone.RAW, dataset));
    }

    /** The table of that name among every dataset's. */
    static Optional<LakeTable> named(String name) {
        return Arrays.stream(Dataset.values()).flatMap(dataset -> of(dataset).stream())
                .filter(table -> table.name().equals(name)).findFirst();
    }

    static LakeTable curated(Dataset dataset) {
        return new LakeTable(dataset.folder(), Zone.CURATED, dataset);
    }

    /** The table's folder, relative to the lake root and ending with a slash: {@code curated/top_tracks/}. */
    String folder() {
        return zone.folder() + "/" + dataset.folder() + "/";
    }

    /** The declared columns of a curated table. */
    TableMapping mapping() {
        if (zone != Zone.CURATED) {
            throw new IllegalStateException(name + " is not a curated table");
        }
        return CuratedTables.of(dataset);
    }

    /** A folder's s3:// location as the catalogs compare it: without the final slash that some add and some not. */
    static String withoutSlash(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    @Override
    public String toString() {
        return name;
    }
}
