package dev.spotifylake.simulator;

import dev.spotifylake.simulator.catalog.Catalog;
import picocli.CommandLine.Option;

/** The catalog's seed and size, shared by serve and mysql-seed so that the two agree. */
final class CatalogOptions {
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the catalog.")
    long seed;

    @Option(names = "--artists", defaultValue = "100000",
            description = "Artists in the catalog; artist i is the same whatever the size.")
    int artists;

    Catalog catalog() {
        return new Catalog(seed, artists);
    }
}
