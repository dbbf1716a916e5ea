package dev.spotifylake.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A table as the catalog holds it: where it lies and its data columns in order, the partition column apart.
 *
 * @param location the table's location as the catalog spells it ({@code s3://bucket/curated/top_tracks}, with or
 *        without a final slash)
 */
public record CatalogTable(String location, List<Column> columns) {

    /** A column and the catalog's name of its type ({@code varchar}, {@code string}, {@code timestamp(3)}). */
    public record Column(String name, String type) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    public CatalogTable {
        requireNonNull(location, "location is null");
        columns = List.copyOf(columns);
    }
}
