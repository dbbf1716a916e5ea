package dev.spotifylake.simulator;

import dev.spotifylake.simulator.seed.MysqlSeed;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes the SQL that seeds MySQL's {@code artists} and {@code artist_genres} from the same catalog as
 * {@code serve} (same --seed and --artists), plus unknown and malformed ids. Idempotent SQL; to stdout or --out.
 * Exit codes: 0 written, 1 could not write, 2 bad arguments.
 */
@Command(name = "mysql-seed",
        description = "Write INSERT statements for artists and artist_genres from the simulator's catalog.")
final class MysqlSeedCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MysqlSeedCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--unknown-ids", defaultValue = "3", description = "Well-formed ids the simulator answers 404 for.")
    int unknownIds;

    @Option(names = "--malformed-ids", defaultValue = "1", description = "Ids that are not 22 base-62 characters.")
    int malformedIds;

    @Option(names = "--batch-size", defaultValue = "" + MysqlSeed.DEFAULT_BATCH_SIZE,
            description = "Rows per INSERT statement.")
    int batchSize;

    @Option(names = "--out", description = "File to write (default: stdout).")
    Path out;

    @Override
    public Integer call() throws IOException {
        MysqlSeed seed = new MysqlSeed(catalog.catalog(), unknownIds, malformedIds, batchSize);
        MysqlSeed.Summary summary;
        if (out == null) {
            summary = seed.write(spec.commandLine().getOut());
        } else {
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                summary = seed.write(writer);
            }
        }
        log.info("wrote {} artists, {} unknown and {} malformed ids, {} genre rows{}", summary.artists(),
                summary.unknownIds(), summary.malformedIds(), summary.genreRows(), out == null ? "" : " to " + out);
        return 0;
    }
}
