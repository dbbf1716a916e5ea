package dev.spotifylake.extract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import dev.spotifylake.common.Env;
import dev.spotifylake.common.EnvironmentDefaults;
import dev.spotifylake.common.TaskException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the artist list lives: the MySQL options of the tasks that read it. The password is read from the
 * environment only (MYSQL_PASSWORD), never from an option, so it shows in no process list or log.
 */
public class MysqlOptions {
    private static final String MYSQL_SCHEME = "jdbc:mysql://";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--mysql-jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the MySQL database holding the artists table, "
                    + "e.g. jdbc:mysql://host:3306/spotify (env MYSQL_JDBC_URL).")
    @Env("MYSQL_JDBC_URL")
    private String jdbcUrl;

    @Option(names = "--mysql-user", paramLabel = "USER",
            description = "MySQL user (env MYSQL_USER). The password comes from env MYSQL_PASSWORD only.")
    @Env("MYSQL_USER")
    private String user;

    /**
     * Opens a connection; the caller closes it. A URL that is not MySQL's exits 2, a server that cannot be reached 1
     * with one line naming its host and port; other failures are classified by {@link SqlFailures}.
     */
    public Connection connect() {
        String url = EnvironmentDefaults.required(command, "--mysql-jdbc-url");
        if (!url.startsWith(MYSQL_SCHEME)) {
            throw TaskException.notRetryable("MYSQL_JDBC_URL (or --mysql-jdbc-url) must be a MySQL JDBC URL such as "
                    + "jdbc:mysql://host:3306/spotify, got '" + SqlFailures.withoutParameters(url) + "'");
        }
        String name = EnvironmentDefaults.required(command, "--mysql-user");
        Properties properties = new Properties();
        properties.setProperty("user", name);
        properties.setProperty("password",
                EnvironmentDefaults.environment(command).requiredSecret("MYSQL_PASSWORD").reveal());
        properties.setProperty("connectTimeout", "10000");
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            if (SqlFailures.isUnreachable(e)) {
                throw TaskException.retryable("cannot reach MySQL at " + hostAndPort(url) + " (" + SqlFailures.rootCause(e)
                        + "): check that the server runs and that MYSQL_JDBC_URL names its host and port, and that "
                        + "this worker may connect to it (firewall, security group)", e);
            }
            throw SqlFailures.classify("cannot connect to MySQL at " + SqlFailures.withoutParameters(url) + " as " + name, e);
        }
    }

    /** {@code host:port} of a {@code jdbc:mysql://host[:port]/...} URL; MySQL's port when it names none. */
    private static String hostAndPort(String url) {
        String authority = url.substring(MYSQL_SCHEME.length()).split("[/?]", 2)[0];
        int at = authority.lastIndexOf('@');
        String hosts = at < 0 ? authority : authority.substring(at + 1);
        return hosts.contains(":") || hosts.isEmpty() ? hosts : hosts + ":3306";
    }
}
