package dev.spotifylake.simulator;

import picocli.CommandLine.Option;

/** The catalog both commands build: the same seed and size give the same artists. */
final class CatalogOptions {
    @Option(names = "--seed", defaultValue = "${env:SIMULATOR_SEED:-42}", description = "Catalog seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--artists", defaultValue = "${env:SIMULATOR_ARTISTS:-100000}",
            description = "Artists in the catalog (default ${DEFAULT-VALUE}).")
    int artists;

    Catalog catalog() {
        return Catalog.of(seed, artists);
    }
}
