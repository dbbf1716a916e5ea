package dev.spotifylake.localmysql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The {@code run-sql} subcommand: applies SQL files, in the order given, to the database of the environment. */
final class RunSql {

    private final List<String> files;
    private final Map<String, String> env;

    RunSql(List<String> files, Map<String, String> env) {
        this.files = files;
        this.env = env;
    }

    void run() throws Exception {
        if (files.isEmpty()) {
            throw new UsageException("run-sql needs at least one SQL file");
        }
        Properties properties = new Properties();
        properties.setProperty("user", required("MYSQL_USER"));
        properties.setProperty("password", required("MYSQL_PASSWORD"));
        properties.setProperty("allowMultiQueries", "true");
        try (Connection connection = DriverManager.getConnection(required("MYSQL_JDBC_URL"), properties)) {
            SqlScriptRunner runner = new SqlScriptRunner(connection);
            for (String file : files) {
                runner.apply(Path.of(file));
            }
        }
    }

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new UsageException(name + " is not set (set -a; . .local/stack.env)");
        }
        return value;
    }
}
