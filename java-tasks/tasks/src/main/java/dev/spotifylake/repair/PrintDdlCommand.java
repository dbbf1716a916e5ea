package dev.spotifylake.repair;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

import dev.spotifylake.common.Env;
import dev.spotifylake.common.ExitCode;
import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code print-ddl --engine athena|trino [--schema S] [--lake-uri s3://...]}: prints the statements that
 * repair-athena-partitions runs to create the lake's schema and tables, the curated tables' generated from their
 * declared columns, each ending with a semicolon. Reads nothing and changes nothing. Exit codes: 0 printed; 2 bad
 * options.
 */
@Command(name = "print-ddl",
        header = "Prints the tables' CREATE statements.",
        description = "Prints the CREATE statements of the lake's schema and tables for one engine, as "
                + "repair-athena-partitions runs them; the curated tables' columns come from their declaration in the jar.")
public final class PrintDdlCommand implements Callable<Integer> {

    @Option(names = "--engine", required = true, paramLabel = "athena|trino",
            description = "Whose SQL: ${COMPLETION-CANDIDATES}.")
    private Dialect dialect;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "spotify_lake",
            description = "Database (Athena) or schema (Trino) of the tables (default: ${DEFAULT-VALUE}).")
    private String schema;

    @Option(names = "--lake-uri", paramLabel = "s3://BUCKET[/PREFIX]",
            description = "Where the lake lives (env LAKE_URI; unset, the placeholder $${LAKE_URI} is printed).")
    @Env("LAKE_URI")
    private String lakeUri;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        CatalogSql sql = lakeUri == null ? CatalogSql.withLakePlaceholder(dialect, schema)
                : new CatalogSql(dialect, schema, LakeUri.parse(lakeUri));
        PrintWriter out = spec.commandLine().getOut();
        out.println(sql.createSchema() + ";");
        Arrays.stream(Dataset.values()).flatMap(dataset -> LakeTable.of(dataset).stream())
                .forEach(table -> out.println("\n" + sql.createTable(table) + ";"));
        out.flush();
        return ExitCode.OK;
    }
}
