package dev.spotifylake.localmysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the database and its password user exist, whatever state the data directory is in:
 * every statement is idempotent and the password is set again at each start.
 */
final class DatabaseProvisioner {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProvisioner.class);

    private final Connection root;

    DatabaseProvisioner(Connection root) {
        this.root = root;
    }

    /** Needs a root connection to a server started with --skip-grant-tables; leaves the grant tables on. */
    void provision(String database, String user, String password) throws SQLException {
        try (Statement statement = root.createStatement()) {
            // Loads the grant tables: from here on, logins need a password (root keeps this session).
            statement.execute("FLUSH PRIVILEGES");
            dropAnonymousAccounts(statement);
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`"
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            String account = "'" + user + "'@'%'";
            String secret = "'" + quoted(password) + "'";
            statement.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + secret);
            statement.execute("ALTER USER " + account + " IDENTIFIED BY " + secret);
            statement.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + account);
            // Integration tests make a database of their own per test, named test_...
            statement.execute("GRANT ALL PRIVILEGES ON `test\\_%`.* TO " + account);
        }
        log.info("database {} and user {} ready", database, user);
    }

    /**
     * mysql_install_db makes anonymous accounts; ''@'localhost' is more specific than 'lake'@'%'
     * and would take a local login of lake, which its password then fails.
     */
    private static void dropAnonymousAccounts(Statement statement) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
            while (rows.next()) {
                hosts.add(rows.getString(1));
            }
        }
        for (String host : hosts) {
            statement.execute("DROP USER ''@'" + quoted(host) + "'");
        }
    }

    /** The body of a single-quoted SQL string literal. */
    static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("'", "''");
    }
}
