package dev.spotifylake.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The simulator on the JDK's HTTP server: POST /api/token, the API under /v1, GET /health and /_admin. Token and
 * API requests are counted and logged; health and admin requests are not, so that polling them changes nothing.
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
    /** Enough threads that added latency (a sleep per request) does not cap the throughput. */
    private static final int THREADS = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final SpotifyApi api;
    private final Admin admin;
    private final Traffic traffic = new Traffic();
    private final LongSupplier clock = System::currentTimeMillis;

    private SimulatorServer(HttpServer server, Catalog catalog, Credentials credentials, Settings settings) {
        this.server = server;
        Behaviour behaviour = new Behaviour(settings);
        this.api = new SpotifyApi(catalog, credentials, behaviour, clock);
        this.admin = new Admin(behaviour, traffic, clock);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts listening on host:port (port 0 picks a free one). */
    public static SimulatorServer start(String host, int port, Catalog catalog, Credentials credentials, Settings settings)
            throws IOException {
        SimulatorServer simulator = new SimulatorServer(HttpServer.create(new InetSocketAddress(host, port), 512),
                catalog, credentials, settings);
        simulator.server.start();
        return simulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://host:port, without a trailing slash. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = clock.getAsLong();
        try {
            Request request = read(exchange);
            Endpoint endpoint = route(request.path());
            Answer answer = answer(endpoint, request);
            if (endpoint != Endpoint.HEALTH && endpoint != Endpoint.ADMIN) {
                String rawQuery = exchange.getRequestURI().getRawQuery();
                String path = rawQuery == null ? request.path() : request.path() + "?" + rawQuery;
                traffic.record(new Traffic.Entry(received, request.method(), path, endpoint, answer.status(), answer.retryAfter()));
            }
            if (answer != Answer.DROP) {
                send(exchange, answer);
            }
            // a dropped request: closing the exchange before any answer closes the connection
        } catch (RuntimeException e) {
            log.warn("failed to answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            throw e;
        } finally {
            exchange.close();
        }
    }

    private Answer answer(Endpoint endpoint, Request request) {
        try {
            return switch (endpoint) {
                case HEALTH -> Answer.json(200, "{\"status\":\"ok\"}");
                case ADMIN -> admin.handle(request);
                case TOKEN -> api.token(request);
                case UNKNOWN -> Answer.error(404, "Service not found");
                default -> api.api(endpoint, request);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.DROP;
        }
    }

    static Endpoint route(String path) {
        if (path.equals("/health")) {
            return Endpoint.HEALTH;
        }
        if (path.startsWith("/_admin/")) {
            return Endpoint.ADMIN;
        }
        if (path.equals("/api/token")) {
            return Endpoint.TOKEN;
        }
        if (path.equals("/v1/audio-features")) {
            return Endpoint.AUDIO_FEATURES;
        }
        if (path.equals("/v1/artists")) {
            return Endpoint.ARTISTS;
        }
        if (path.startsWith("/v1/artists/")) {
            String rest = path.substring("/v1/artists/".length());
            if (rest.endsWith("/top-tracks") && rest.indexOf('/') == rest.length() - "/top-tracks".length()) {
                return Endpoint.TOP_TRACKS;
            }
            if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                return Endpoint.ARTIST;
            }
        }
        return Endpoint.UNKNOWN;
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Request.parseForm(exchange.getRequestURI().getRawQuery()), headers, body);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }
}
