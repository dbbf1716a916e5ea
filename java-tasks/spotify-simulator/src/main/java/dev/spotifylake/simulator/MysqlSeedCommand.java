package dev.spotifylake.simulator;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mysql-seed", mixinStandardHelpOptions = true,
        description = "Writes the SQL that seeds MySQL's artists and artist_genres with the catalog.")
final class MysqlSeedCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--out", description = "File to write (default: stdout).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (Writer writer = out == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            new MysqlSeed(catalog.catalog()).write(writer);
        }
        return 0;
    }
}
