package dev.spotifylake.simulator;

import dev.spotifylake.simulator.catalog.Catalog;
import picocli.CommandLine.Option;

/** The catalog's seed and size, shared by serve and mysql-seed so that the two agree. */
final class CatalogOptions {
    @Option(names = "--seed", defaultValue = "${env:SIMULATOR_SEED:-42}",
            description = "Seed of the catalog (env SIMULATOR_SEED; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--artists", defaultValue = "${env:SIMULATOR_ARTISTS:-100000}",
            description = "Artists in the catalog; artist i is the same whatever the size "
                    + "(env SIMULATOR_ARTISTS; default: ${DEFAULT-VALUE}).")
    int artists;

    Catalog catalog() {
        return new Catalog(seed, artists);
    }
}
