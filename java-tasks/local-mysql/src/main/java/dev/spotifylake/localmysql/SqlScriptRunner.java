package dev.spotifylake.localmysql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies SQL files through JDBC, each file in one round trip: the connection must allow several
 * statements per execute (allowMultiQueries=true), so the server, not a hand-made splitter, parses
 * the statements. Client directives such as DELIMITER are not supported.
 */
final class SqlScriptRunner {

    private static final Logger log = LoggerFactory.getLogger(SqlScriptRunner.class);

    private final Connection connection;

    SqlScriptRunner(Connection connection) {
        this.connection = connection;
    }

    /** Every *.sql file of the directory, in name order (001_..., 002_...). */
    void applyDirectory(Path dir) throws IOException, SQLException {
        for (Path file : sqlFilesOf(dir)) {
            apply(file);
        }
    }

    void apply(Path file) throws IOException, SQLException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        String sql = Files.readString(file);
        if (sql.isBlank()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // Reading every result makes an error in a later statement of the file surface here.
            boolean isResultSet = statement.execute(sql);
            while (isResultSet || statement.getUpdateCount() != -1) {
                isResultSet = statement.getMoreResults();
            }
        } catch (SQLException e) {
            throw new SQLException(file + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        log.info("applied {}", file);
    }

    static List<Path> sqlFilesOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no such directory: " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql") && Files.isRegularFile(file))
                    .sorted()
                    .toList();
        }
    }
}
