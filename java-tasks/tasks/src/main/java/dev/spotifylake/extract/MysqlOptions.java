package dev.spotifylake.extract;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import dev.spotifylake.common.Environment;
import picocli.CommandLine.Option;

/**
 * Where the artist list lives: the MySQL options of the tasks that read it. The password is read from the
 * environment only (MYSQL_PASSWORD), never from an option, so it shows in no process list or log.
 */
public class MysqlOptions {
    private final Environment environment;

    @Option(names = "--mysql-jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the MySQL database holding the artists table, "
                    + "e.g. jdbc:mysql://host:3306/spotify (default: env MYSQL_JDBC_URL).")
    private String jdbcUrl;

    @Option(names = "--mysql-user", paramLabel = "USER",
            description = "MySQL user (default: env MYSQL_USER). The password comes from env MYSQL_PASSWORD only.")
    private String user;

    public MysqlOptions(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** Opens a connection; the caller closes it. Failures are classified by {@link SqlFailures}. */
    public Connection connect() {
        String url = environment.optionOrVariable(jdbcUrl, "--mysql-jdbc-url", "MYSQL_JDBC_URL");
        String name = environment.optionOrVariable(user, "--mysql-user", "MYSQL_USER");
        Properties properties = new Properties();
        properties.setProperty("user", name);
        properties.setProperty("password", environment.requiredSecret("MYSQL_PASSWORD").reveal());
        properties.setProperty("connectTimeout", "10000");
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot connect to MySQL at " + SqlFailures.withoutParameters(url) + " as " + name, e);
        }
    }
}
