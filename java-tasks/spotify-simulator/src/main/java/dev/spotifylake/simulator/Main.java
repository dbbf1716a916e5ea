package dev.spotifylake.simulator;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The simulator's command line: {@code serve} and {@code mysql-seed}. */
@Command(name = "spotify-simulator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Dev-only Spotify Web API simulator of the spotify-lake local stack (docs/simulator.md).",
        subcommands = {ServeCommand.class, MysqlSeedCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (e.g. the port is taken); --verbose shows the stack trace",
            "2:bad arguments"})
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line and answers its exit code; the one place errors become exit codes. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            err.println("spotify-simulator: " + exception.getMessage());
            if (verbose) {
                exception.printStackTrace(err);
            }
            return 1;
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
