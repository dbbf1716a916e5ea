package dev.spotifylake.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;

/**
 * Runs statements on Trino through its JDBC driver, in the catalog that the JDBC URL names and the lake's schema
 * ({@code jdbc:trino://host:port/hive}, schema spotify_lake; a schema in the URL is the default): the local
 * stand-in for Athena.
 *
 * <p>Trino's Hive connector moves a partition with two procedures (unregister, then register), which cannot run
 * in one transaction. So that readers still switch in one step, the procedures may run on a second catalog over
 * the same metastore (the partition catalog) while the readers' catalog caches the metastore: the readers keep
 * the partition's old location until the flush of its cache entry, which {@link PartitionChange#publish()} runs on
 * the readers' catalog once the procedures are done; the next query loads the new location. Without a partition
 * catalog the procedures run on the readers' catalog, and a query planned between them finds the partition missing.
 */
public final class TrinoQueryEngine implements QueryEngine {
    private static final Logger log = LoggerFactory.getLogger(TrinoQueryEngine.class);
    /** Trino's StandardErrorCode numbers: user errors are below 0x1_0000, resources, internal and connector above. */
    private static final int ABANDONED_QUERY = 2;
    private static final int USER_CANCELED = 3;
    private static final int NOT_FOUND = 5;
    private static final int ALREADY_EXISTS = 12;
    private static final int FIRST_NON_USER_ERROR = 0x1_0000;
    private static final Pattern EXTERNAL_LOCATION = Pattern.compile("external_location = '([^']*)'");

    /** The readers' catalog: every statement but the partition procedures. */
    private final Connection connection;
    /** Where the partition procedures run: the readers' session itself, or one in the partition catalog. */
    private final Connection partitions;
    private final String schema;
    private final Duration timeout;

    private TrinoQueryEngine(Connection connection, Connection partitions, String schema, Duration timeout) {
        this.connection = requireNonNull(connection, "connection is null");
        this.partitions = requireNonNull(partitions, "partitions is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /**
     * Opens a session; the driver reaches the server at the first statement, so this fails only on a bad URL.
     *
     * @param schema the lake's schema; empty: the one the URL names, else the default database
     * @param partitionCatalog the catalog over the same metastore that runs the partition procedures; empty: the
     *        URL's catalog runs them
     */
    public static TrinoQueryEngine connect(String url, String user, Optional<String> schema,
            Optional<String> partitionCatalog, Duration timeout) {
        Connection connection = open(url, user);
        Optional<String> urlSchema = schemaOf(connection, url);
        String lakeSchema = schema.or(() -> urlSchema).orElse(QueryEngineOptions.DEFAULT_DATABASE);
        use(connection, Optional.empty(), lakeSchema);
        if (partitionCatalog.isEmpty()) {
            return new TrinoQueryEngine(connection, connection, lakeSchema, timeout);
        }
        Connection partitions = open(url, user);
        use(partitions, partitionCatalog, lakeSchema);
        return new TrinoQueryEngine(connection, partitions, lakeSchema, timeout);
    }

    private static Connection open(String url, String user) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw TaskException.notRetryable("Trino: cannot use " + url + ": " + e.getMessage(), e);
        }
    }

    /** The schema the URL names, if any; the URL must name the catalog. */
    private static Optional<String> schemaOf(Connection connection, String url) {
        try {
            if (connection.getCatalog() == null) {
                connection.close();
                throw TaskException.notRetryable("TRINO_URL must name the catalog of the lake's tables, e.g. "
                        + "jdbc:trino://127.0.0.1:18080/hive; got " + url);
            }
            return Optional.ofNullable(connection.getSchema());
        } catch (SQLException e) {
            throw TaskException.notRetryable("Trino: cannot use " + url + ": " + e.getMessage(), e);
        }
    }

    /** Points the session's unqualified names at the lake's schema (and the partition catalog's session at it). */
    private static void use(Connection session, Optional<String> catalog, String schema) {
        try {
            if (catalog.isPresent()) {
                session.setCatalog(catalog.get());
            }
            session.setSchema(schema);
        } catch (SQLException e) {
            throw TaskException.notRetryable("Trino: cannot use " + catalog.map(name -> "catalog " + name + ", ").orElse("")
                    + "schema " + schema + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.TRINO;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public void createSchema(String statement) {
        execute(statement);
    }

    @Override
    public void execute(String statement) {
        try {
            run(connection, statement);
        } catch (SQLException e) {
            throw classify(e);
        }
    }

    /** The procedures in the partition catalog, then, when that is not the readers' catalog, the publish statement. */
    @Override
    public void changePartition(PartitionChange change) {
        for (String statement : change.statements()) {
            try {
                run(partitions, statement);
            } catch (SQLException e) {
                // registered already, or not registered when unregistered: a re-run after a kill between the two
                if (e.getErrorCode() != ALREADY_EXISTS && e.getErrorCode() != NOT_FOUND) {
                    throw classify(e);
                }
                log.info("already in place: {}", e.getMessage());
            }
        }
        if (partitions != connection) {
            change.publish().ifPresent(this::execute);
        }
    }

    @Override
    public List<List<String>> query(String statement) {
        try (Statement query = connection.createStatement()) {
            query.setQueryTimeout(Math.toIntExact(timeout.toSeconds()));
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery(statement)) {
                int width = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String[] row = new String[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(Arrays.asList(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw classify(e);
        }
    }

    /**
     * From the connector's own answers: {@code information_schema.tables} for whether it exists, {@code SHOW
     * COLUMNS} for its columns (the partition column is marked "partition key"), {@code SHOW CREATE TABLE} for
     * its external location.
     */
    @Override
    public Optional<CatalogTable> table(String name) {
        List<List<String>> found = query("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                + schema + "' AND table_name = '" + name + "'");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<CatalogTable.Column> columns = query("SHOW COLUMNS FROM " + schema + "." + name).stream()
                .filter(row -> !"partition key".equals(row.get(2)))
                .map(row -> new CatalogTable.Column(row.get(0), row.get(1)))
                .toList();
        String ddl = query("SHOW CREATE TABLE " + schema + "." + name).get(0).get(0);
        Matcher location = EXTERNAL_LOCATION.matcher(ddl);
        return Optional.of(new CatalogTable(location.find() ? location.group(1) : "", columns));
    }

    @Override
    public void close() {
        close(partitions);
        close(connection);
    }

    private static void close(Connection session) {
        try {
            session.close();
        } catch (SQLException e) {
            log.debug("closing the Trino session failed: {}", e.getMessage());
        }
    }

    private void run(Connection session, String sql) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = session.createStatement()) {
            statement.setQueryTimeout(Math.toIntExact(timeout.toSeconds()));
            statement.execute(sql);
        }
        log.debug("Trino ran in {} ms: {}", (System.nanoTime() - started) / 1_000_000, sql);
    }

    /**
     * A server that cannot be reached, a query that ran out of resources or time, the connector's trouble with
     * storage or metastore: a retry may help (exit 1). A user error (bad SQL, a missing table, refused
     * permissions or login) cannot (exit 2).
     */
    private TaskException classify(SQLException e) {
        if (causedByIo(e)) {
            return TaskException.retryable("Trino: cannot reach the server: " + e.getMessage() + " (a retry may pass; "
                    + "check TRINO_URL, and that Trino runs: make stack-status says, make stack-up starts it)", e);
        }
        if (e instanceof SQLTimeoutException) {
            return TaskException.retryable("Trino: the statement ran longer than " + timeout.toSeconds() + " s: " + e.getMessage(), e);
        }
        int code = e.getErrorCode();
        boolean userError = code >= 0 && code < FIRST_NON_USER_ERROR && code != ABANDONED_QUERY && code != USER_CANCELED;
        String message = "Trino: " + e.getMessage();
        return userError ? TaskException.notRetryable(message, e) : TaskException.retryable(message, e);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
