package dev.spotifylake;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

import dev.spotifylake.common.Environment;
import dev.spotifylake.common.EnvironmentFactory;
import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.extract.ExtractArtistsCommand;
import dev.spotifylake.fetch.FetchAudioFeaturesCommand;
import dev.spotifylake.fetch.FetchTracksCommand;
import dev.spotifylake.flatten.FlattenToParquetCommand;
import dev.spotifylake.load.LoadS3Command;
import dev.spotifylake.repair.RepairAthenaPartitionsCommand;
import dev.spotifylake.similarity.ComputeArtistSimilarityCommand;
import dev.spotifylake.similarity.SimilarArtistsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code spotify-lake <subcommand> --dt YYYY-MM-DD}: the tasks of the pipeline, one subcommand each. This is the
 * one place that turns failures into exit codes and the only caller of {@link System#exit}.
 */
@Command(name = "spotify-lake",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Builds a data lake of what Spotify says about the artists kept in MySQL: raw JSON, then "
                + "Snappy Parquet partitioned by dt, registered in Athena (Trino locally).",
        footer = "%n" + ExitCode.HELP_LIST)
public final class Main implements Runnable {
    /** The subcommands, in the order --help lists them. */
    private static final List<Class<?>> TASKS = List.of(
            ExtractArtistsCommand.class,
            FetchTracksCommand.class,
            FetchAudioFeaturesCommand.class,
            FlattenToParquetCommand.class,
            LoadS3Command.class,
            RepairAthenaPartitionsCommand.class,
            ComputeArtistSimilarityCommand.class,
            SimilarArtistsCommand.class);

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log at debug level and print the stack trace of a failure.")
    private boolean verbose;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(args, Environment.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line in-process and answers its exit code: the entry point of tests too. */
    public static int execute(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main(), new EnvironmentFactory(environment));
        tasksToLoad(args).forEach(commandLine::addSubcommand);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setUsageHelpLongOptionsMaxWidth(30);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("error: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.NOT_RETRYABLE;
        });
        commandLine.setExecutionExceptionHandler(Main::failure);
        return commandLine.execute(args);
    }

    /**
     * The subcommand the arguments name, alone, when they name one: picocli reads the options of every subcommand
     * it is given, and every task run would pay for all the others (a tenth of a second of CPU on a small
     * worker). Otherwise all of them, for the top-level help and for suggestions on a mistyped name.
     */
    private static List<Class<?>> tasksToLoad(String[] args) {
        // Main's own options take no values: the first word that is not one is the subcommand's name
        String name = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
        return TASKS.stream().filter(task -> task.getAnnotation(Command.class).name().equals(name)).findFirst()
                .<List<Class<?>>>map(List::of).orElse(TASKS);
    }

    /** Every failure becomes one line on stderr; the stack trace only with --verbose. */
    private static int failure(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int exitCode = e instanceof TaskException task ? task.exitCode() : ExitCode.RETRYABLE;
        String kind = e instanceof TaskException ? "" : e.getClass().getSimpleName() + ": ";
        err.println("error: " + kind + e.getMessage());
        if (isVerbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
