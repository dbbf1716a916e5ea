package dev.spotifylake.localmysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code serve} subcommand: start, provision, apply the schema, say ready, run until SIGTERM. */
final class Serve {

    private static final Logger log = LoggerFactory.getLogger(Serve.class);

    private final ServeSettings settings;

    Serve(ServeSettings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        Files.createDirectories(settings.stateDir());
        ReadyMarker ready = new ReadyMarker(settings.stateDir().resolve("ready"));
        ready.clear();
        LocalMariaDb server = LocalMariaDb.start(settings.stateDir(), settings.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, ready), "local-mysql-stop"));
        try (Connection root = server.rootConnection()) {
            new DatabaseProvisioner(root).provision(settings.database(), settings.user(), settings.password());
            root.setCatalog(settings.database());
            new SqlScriptRunner(root).applyDirectory(settings.schemaDir());
        }
        ready.set("127.0.0.1:" + settings.port() + "\n");
        log.info("local-mysql ready on 127.0.0.1:{} (database {}, user {})",
                settings.port(), settings.database(), settings.user());
        // The shutdown hook ends the process; until then this thread has nothing left to do.
        new CountDownLatch(1).await();
    }

    private static void stop(LocalMariaDb server, ReadyMarker ready) {
        try {
            ready.clear();
            server.close();
            log.info("local-mysql stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            log.warn("stopping mysqld failed: {}", Main.oneLine(e));
        }
    }
}
