package dev.spotifylake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A MySQL database of a test's own on the local stack's server, with the schema of sql/mysql/ applied, dropped
 * on close: tests never see each other's artists, nor the demo's. Named {@code test_...}, a name pattern on
 * which MariaDB lets every account create databases.
 */
public final class TestDatabase implements AutoCloseable {
    private final Map<String, String> stack;
    private final String name;
    private final String url;

    private TestDatabase(Map<String, String> stack, String name) {
        this.stack = stack;
        this.name = name;
        String base = stack.get("MYSQL_JDBC_URL");
        this.url = base.replaceFirst("(jdbc:mysql://[^/]+/)[^?]*", "$1" + name);
    }

    /** Creates {@code test_<purpose>_<random>} with the project's schema. */
    public static TestDatabase create(Map<String, String> stack, String purpose) {
        String name = ("test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        TestDatabase database = new TestDatabase(stack, name);
        database.execute(database.serverUrl(), "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            for (Path file : schemaFiles()) {
                database.load(Files.readString(file));
            }
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return database;
    }

    /** Runs a script of several statements, e.g. the simulator's mysql-seed. */
    public void load(String script) {
        // allowMultiQueries: the server splits the script into statements, as the stack's loader has it do
        try (Connection connection = DriverManager.getConnection(withParameter("allowMultiQueries=true"),
                stack.get("MYSQL_USER"), stack.get("MYSQL_PASSWORD")); Statement statement = connection.createStatement()) {
            // reading every result makes an error in a later statement of the script surface here
            boolean isResultSet = statement.execute(script);
            while (isResultSet || statement.getUpdateCount() != -1) {
                isResultSet = statement.getMoreResults();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load a script into " + name + ": " + e.getMessage(), e);
        }
    }

    /** The stack's environment pointed at this database. */
    public Map<String, String> environment(Map<String, String> base) {
        Map<String, String> environment = new HashMap<>(base);
        environment.put("MYSQL_JDBC_URL", url);
        return environment;
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(withParameter("rewriteBatchedStatements=true"),
                stack.get("MYSQL_USER"), stack.get("MYSQL_PASSWORD"));
    }

    @Override
    public void close() {
        execute(serverUrl(), "DROP DATABASE IF EXISTS `" + name + "`");
    }

    private String withParameter(String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    private String serverUrl() {
        return stack.get("MYSQL_JDBC_URL");
    }

    private void execute(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, stack.get("MYSQL_USER"), stack.get("MYSQL_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Iterable<Path> schemaFiles() throws IOException {
        try (var files = Files.list(LocalStack.repositoryRoot().resolve("sql/mysql"))) {
            return files.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
    }
}
