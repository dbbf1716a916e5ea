package dev.spotifylake.simulator;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The simulator's command line: {@code serve} and {@code mysql-seed}. The help and version options, --verbose, the
 * defaults read from the environment and the exit codes are the same for both, declared once here and inherited.
 */
@Command(name = "spotify-simulator", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class, defaultValueProvider = EnvironmentDefaults.class, showDefaultValues = true,
        description = "Dev-only Spotify Web API simulator of the spotify-lake local stack (docs/simulator.md).",
        footer = "%nAn option with a default reads it from the environment first: --rate-limit from "
                + "SIMULATOR_RATE_LIMIT, --seed from SIMULATOR_SEED, and so on.%n",
        subcommands = {ServeCommand.class, MysqlSeedCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (e.g. the port is taken); --verbose shows the stack trace",
            "2:bad arguments"})
public final class Main {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Stack traces with errors.")
    boolean verbose;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line and answers its exit code; the one place errors become exit codes. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            err.println("spotify-simulator: " + exception.getMessage());
            if (main.verbose) {
                exception.printStackTrace(err);
            }
            // the catalog, the seed and the server refuse values out of range with IllegalArgumentException
            return exception instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine.execute(args);
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"spotify-simulator " + (version != null ? version : "(development build)")};
        }
    }
}
