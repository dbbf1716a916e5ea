package dev.spotifylake;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.LoggerFactory;

import dev.spotifylake.common.Environment;
import dev.spotifylake.common.EnvironmentDefaults;
import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.dynamodb.LoadDynamoDbCommand;
import dev.spotifylake.extract.ExtractArtistsCommand;
import dev.spotifylake.fetch.FetchAudioFeaturesCommand;
import dev.spotifylake.fetch.FetchTracksCommand;
import dev.spotifylake.flatten.FlattenToParquetCommand;
import dev.spotifylake.load.LoadS3Command;
import dev.spotifylake.repair.PrintDdlCommand;
import dev.spotifylake.repair.RepairAthenaPartitionsCommand;
import dev.spotifylake.reprocess.ReprocessCommand;
import dev.spotifylake.reprocess.Subcommands;
import dev.spotifylake.similarity.ComputeArtistSimilarityCommand;
import dev.spotifylake.similarity.SimilarArtistsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code spotify-lake <subcommand> --dt YYYY-MM-DD}: the tasks of the pipeline, one subcommand each. This is the
 * one place that turns failures into exit codes and the only caller of {@link System#exit}.
 */
@Command(name = "spotify-lake",
        // every subcommand inherits the attributes below that it does not set: --help, --version, the footer
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"A data lake of what Spotify says about the artists kept in MySQL: raw JSON, then Snappy "
                + "Parquet partitioned by dt, in Athena (Trino locally).",
                "The options of a command: spotify-lake COMMAND --help"},
        footer = {"%n" + ExitCode.HELP_LIST, "",
                "The pipeline, the lake and how to run it: README.md and docs/ in the repository"})
public final class Main {
    private static final String VERBOSE = "--verbose";
    /** slf4j-simple's level of the loggers under dev.spotifylake, read once, when the first logger is made. */
    private static final String OWN_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.spotifylake";

    /** The subcommands, in the order --help lists them. */
    private static final List<Class<?>> TASKS = List.of(
            ExtractArtistsCommand.class,
            FetchTracksCommand.class,
            FetchAudioFeaturesCommand.class,
            FlattenToParquetCommand.class,
            LoadS3Command.class,
            RepairAthenaPartitionsCommand.class,
            LoadDynamoDbCommand.class,
            PrintDdlCommand.class,
            ComputeArtistSimilarityCommand.class,
            SimilarArtistsCommand.class);

    /** Set wherever --verbose stands on the command line: picocli sets an inherited option on its declaring command. */
    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
            description = "Log the tasks' own classes at debug level and print the stack trace of a failure.")
    private boolean verbose;

    public static void main(String[] args) {
        if (Arrays.asList(args).contains(VERBOSE)) {
            System.setProperty(OWN_LOG_LEVEL, "debug");
            LoggerFactory.getLogger(Main.class).debug("{} on Java {}, heap of at most {} MB",
                    new VersionProvider().getVersion()[0], Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        }
        System.exit(execute(args, Environment.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line in-process and answers its exit code: the entry point of tests too. */
    public static int execute(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        return commandLine(environment, out, err).execute(args);
    }

    /** The command line of every task, its options falling back to {@code environment}. */
    static CommandLine commandLine(Environment environment, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main);
        TASKS.forEach(commandLine::addSubcommand);
        commandLine.addSubcommand(new ReprocessCommand(arguments -> inProcess(arguments, environment)));
        // after the subcommands: these settings reach the commands present when they are made
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setUsageHelpLongOptionsMaxWidth(30);
        commandLine.setExecutionStrategy(parseResult -> {
            checkChoices(parseResult);
            return new RunLast().execute(parseResult);
        });
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("error: " + refusal(e.getArgSpec(), e.getValue()).orElse(e.getMessage()));
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.NOT_RETRYABLE;
        });
        commandLine.setExecutionExceptionHandler(main::failure);
        return commandLine;
    }

    /**
     * An option whose completion candidates are fewer than its type's values (a command that takes some of the
     * datasets) takes those only: picocli converts the value, this refuses the others.
     */
    private static void checkChoices(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            for (OptionSpec option : result.matchedOptions()) {
                List<String> typed = option.originalStringValues();
                String value = typed.get(typed.size() - 1);
                Optional<String> refusal = refusal(option, value);
                if (refusal.isPresent()) {
                    throw new ParameterException(result.commandSpec().commandLine(), refusal.get(), option, value);
                }
            }
        }
    }

    /** "Invalid value for option '--dataset': expected one of [top_tracks] (any case) but was 'tracks'", if so. */
    private static Optional<String> refusal(ArgSpec argument, String value) {
        if (!(argument instanceof OptionSpec option) || option.completionCandidates() == null || value == null) {
            return Optional.empty();
        }
        List<String> choices = new ArrayList<>();
        option.completionCandidates().forEach(choices::add);
        if (choices.stream().anyMatch(value::equalsIgnoreCase)) {
            return Optional.empty();
        }
        return Optional.of("Invalid value for option '" + option.longestName() + "': expected one of " + choices
                + " (any case) but was '" + value + "'");
    }

    /** One subcommand run by another in this JVM (reprocess): its summary line is not needed, its error line is. */
    private static Subcommands.Outcome inProcess(List<String> arguments, Environment environment) {
        StringWriter err = new StringWriter();
        int exitCode = execute(arguments.toArray(String[]::new), environment, new PrintWriter(Writer.nullWriter()),
                new PrintWriter(err, true));
        return Subcommands.Outcome.of(exitCode, err.toString());
    }

    /** Every failure becomes one line on stderr; the stack trace only with --verbose. */
    private int failure(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int exitCode = e instanceof TaskException task ? task.exitCode() : ExitCode.RETRYABLE;
        String kind = e instanceof TaskException ? "" : e.getClass().getSimpleName() + ": ";
        // 99 is no failure: Airflow skips the task, and the line says why
        err.println((exitCode == ExitCode.NOTHING_TO_DO ? "nothing to do: " : "error: " + kind) + e.getMessage());
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }
}
