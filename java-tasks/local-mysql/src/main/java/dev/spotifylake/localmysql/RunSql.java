package dev.spotifylake.localmysql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The {@code run-sql} subcommand: applies SQL files, in the order given, to the database of the environment. */
final class RunSql {

    private final List<Path> files;
    private final Map<String, String> env;

    RunSql(List<Path> files, Map<String, String> env) {
        this.files = files;
        this.env = env;
    }

    void run() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", required("MYSQL_USER"));
        properties.setProperty("password", required("MYSQL_PASSWORD"));
        properties.setProperty("allowMultiQueries", "true");
        try (Connection connection = DriverManager.getConnection(required("MYSQL_JDBC_URL"), properties)) {
            SqlScriptRunner runner = new SqlScriptRunner(connection);
            for (Path file : files) {
                runner.apply(file);
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
