package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.simulator.catalog.ReccoBeatsCatalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator on the JDK's HTTP server: POST /api/token, the Web API under /v1, ReccoBeats under
 * /reccobeats/v1, GET /health, and the control API under /_admin. Other modules' tests may start one in-process on a free port.
 */
public final class SimulatorServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Catalog catalog;

    private SimulatorServer(SimulatorConfig config, InstantSource clock) throws IOException {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the client's delayed ACK
        // then stalls each answer by up to 40 ms. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        catalog = new Catalog(config.seed(), config.artists());
        SimulatorState state = new SimulatorState(config.settings(), clock);
        server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        server.createContext("/v1/", new ApiHandler(state, new SpotifyApi(catalog, state)));
        server.createContext(ReccoBeatsApi.PREFIX + "/",
                new ApiHandler(state, new ReccoBeatsApi(new ReccoBeatsCatalog(catalog), state)));
        server.createContext("/api/token", new TokenHandler(state, config.clientId(), config.clientSecret()));
        server.createContext("/_admin/", new AdminHandler(state));
        server.createContext("/health", exchange -> {
            ObjectNode body = Response.JSON.createObjectNode();
            body.put("status", "ok");
            body.put("seed", catalog.seed());
            body.put("artists", catalog.artistCount());
            Exchanges.send(exchange, Response.json(200, body));
        });
        executor = Executors.newFixedThreadPool(config.threads(), daemonThreads());
        server.setExecutor(executor);
        server.start();
    }

    public static SimulatorServer start(SimulatorConfig config) throws IOException {
        return start(config, InstantSource.system());
    }

    /** With a clock of the caller's: token expiry and the rate window follow it (request latency does not). */
    public static SimulatorServer start(SimulatorConfig config, InstantSource clock) throws IOException {
        return new SimulatorServer(config, clock);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://host:port, the accounts URL; the API URL is this plus /v1. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Stops at once: answers under way are cut, as a killed server's would be. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
