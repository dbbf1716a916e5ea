package dev.spotifylake.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The simulator's command line: serve, mysql-seed. */
@Command(name = "spotify-simulator", mixinStandardHelpOptions = true,
        description = "Dev-only Spotify Web API simulator of the local stack.",
        subcommands = {ServeCommand.class, MysqlSeedCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("spotify-simulator: " + e.getMessage());
            return 1;
        });
        return commandLine;
    }
}
