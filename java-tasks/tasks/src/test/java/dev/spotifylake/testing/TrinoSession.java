package dev.spotifylake.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A JDBC session on the local stack's Trino for integration tests: schemas of a test's own, named
 * {@code it_<purpose>_<random>} and dropped with their tables on close, and plain queries to check what the tasks
 * registered. Dropping a table over the lake leaves its files: they belong to the test's own lake.
 */
public final class TrinoSession implements AutoCloseable {
    private final Map<String, String> stack;
    private final Connection connection;
    private final List<String> schemas = new ArrayList<>();

    private TrinoSession(Map<String, String> stack, Connection connection) {
        this.stack = stack;
        this.connection = connection;
    }

    public static TrinoSession open(Map<String, String> stack) {
        Properties properties = new Properties();
        properties.setProperty("user", stack.getOrDefault("TRINO_USER", "spotify-lake"));
        try {
            return new TrinoSession(stack, DriverManager.getConnection(stack.get("TRINO_URL"), properties));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a Trino session at " + stack.get("TRINO_URL"), e);
        }
    }

    /** Creates {@code it_<purpose>_<random>} in the stack's catalog; it is dropped, with its tables, on close. */
    public String createSchema(String purpose) {
        String schema = newSchemaName(purpose);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    /** A fresh schema name whose schema the test leaves to a task to create; dropped on close if it exists. */
    public String newSchemaName(String purpose) {
        String schema = ("it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        schemas.add(schema);
        return schema;
    }

    /** TRINO_URL pointed at another schema of the same catalog. */
    public String url(String schema) {
        return stack.get("TRINO_URL").replaceFirst("/[^/?]+(\\?|$)", "/" + schema + "$1");
    }

    /** Unqualified table names of later statements resolve in this schema, as in a user's session. */
    public void useSchema(String schema) {
        try {
            connection.setSchema(schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use schema " + schema, e);
        }
    }

    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Trino refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The one number a query answers, e.g. a count. */
    public long number(String sql) {
        List<List<Object>> rows = rows(sql);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    /** Every row a query answers, each as its column values in order. */
    public List<List<Object>> rows(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Trino refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The dt values a table has registered, in order. */
    public List<String> partitions(String schema, String table) {
        return rows("SELECT dt FROM " + schema + ".\"" + table + "$partitions\" ORDER BY dt").stream()
                .map(row -> (String) row.get(0)).toList();
    }

    @Override
    public void close() throws SQLException {
        try {
            for (String schema : schemas) {
                execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } finally {
            connection.close();
        }
    }
}
