package dev.spotifylake.localmysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the MariaDB of the running local stack (make stack-up), with the settings of .local/stack.env. */
class LocalMysqlIT {

    private static Map<String, String> stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void readStackEnv() throws IOException {
        stack = StackEnv.read();
    }

    @Test
    void theLakeUserLogsInWithItsPasswordAndTalksUtf8mb4UnicodeCi() throws SQLException {
        try (Connection connection = connect(stack.get("MYSQL_PASSWORD"))) {
            assertThat(row(connection, "SELECT DATABASE(), @@collation_connection, @@character_set_server, @@bind_address"))
                    .containsExactly("spotify", "utf8mb4_unicode_ci", "utf8mb4", "127.0.0.1");
            assertThat(row(connection, "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'spotify'"))
                    .containsExactly("utf8mb4_unicode_ci");
        }
    }

    @Test
    void aWrongPasswordAndAPasswordlessRootAreRefused() {
        assertThatThrownBy(() -> connect("not-the-password")).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(stack.get("MYSQL_JDBC_URL"), "root", ""))
                .hasMessageContaining("Access denied");
    }

    @Test
    void theSchemaOfSqlMysqlIsApplied() throws SQLException {
        try (Connection connection = connect(stack.get("MYSQL_PASSWORD"))) {
            assertThat(row(connection, "SELECT COUNT(*) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = 'spotify' AND TABLE_NAME IN ('artists', 'artist_genres')"))
                    .containsExactly("2");
        }
    }

    @Test
    void theLakeUserMayCreateAndDropTestDatabases() throws SQLException {
        String database = "test_local_mysql_it_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = connect(stack.get("MYSQL_PASSWORD")); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + database + "`");
            statement.execute("CREATE TABLE `" + database + "`.t (id INT)");
            statement.execute("DROP DATABASE `" + database + "`");
        }
    }

    @Test
    void runSqlAppliesAFileWithSeveralStatementsAndTextThatLooksLikeSeparators() throws Exception {
        String table = "run_sql_it_" + UUID.randomUUID().toString().replace("-", "");
        Path file = Files.writeString(dir.resolve("seed.sql"), """
                -- a comment; with a semicolon
                CREATE TABLE %1$s (name VARCHAR(64)) DEFAULT CHARSET = utf8mb4;
                INSERT INTO %1$s VALUES ('semi;colon'), ('Beyoncé''s');
                """.formatted(table));
        try {
            assertThat(runSql(file)).isEqualTo(Main.OK);
            try (Connection connection = connect(stack.get("MYSQL_PASSWORD"))) {
                assertThat(column(connection, "SELECT name FROM " + table + " ORDER BY name"))
                        .containsExactly("Beyoncé's", "semi;colon");
            }
        } finally {
            try (Connection connection = connect(stack.get("MYSQL_PASSWORD")); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void runSqlFailsOnTheFirstBadStatementAndNamesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.sql"), "SELECT 1; SELECT no_such_column FROM artists;");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(List.of("run-sql", file.toString()), stack, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("local-mysql: " + file + ": Unknown column 'no_such_column'");
    }

    private static int runSql(Path file) {
        return Main.run(List.of("run-sql", file.toString()), stack, new PrintStream(new ByteArrayOutputStream()));
    }

    private static Connection connect(String password) throws SQLException {
        return DriverManager.getConnection(stack.get("MYSQL_JDBC_URL"), stack.get("MYSQL_USER"), password);
    }

    private static List<String> row(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from " + sql).isTrue();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                values.add(rows.getString(i));
            }
            return values;
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** The settings the stack wrote: from the environment when sourced, else from .local/stack.env. */
    static final class StackEnv {

        private static final List<String> NAMES = List.of("MYSQL_JDBC_URL", "MYSQL_USER", "MYSQL_PASSWORD");

        static Map<String, String> read() throws IOException {
            Map<String, String> settings = new HashMap<>();
            Path file = findUpwards(Path.of("").toAbsolutePath());
            if (file != null) {
                for (String line : Files.readAllLines(file)) {
                    int equals = line.indexOf('=');
                    if (!line.startsWith("#") && equals > 0) {
                        settings.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
            }
            for (String name : NAMES) {
                if (System.getenv(name) != null) {
                    settings.put(name, System.getenv(name));
                }
                assertThat(settings).as("%s from the environment or .local/stack.env (run make stack-up)", name).containsKey(name);
            }
            return settings;
        }

        private static Path findUpwards(Path dir) {
            for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
                if (Files.isRegularFile(candidate.resolve(".local/stack.env"))) {
                    return candidate.resolve(".local/stack.env");
                }
            }
            return null;
        }
    }
}
