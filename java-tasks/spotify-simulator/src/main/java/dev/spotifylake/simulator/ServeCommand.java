package dev.spotifylake.simulator;

import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the token endpoint, the API under /v1, /health and /_admin until stopped (SIGTERM).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--host", defaultValue = "${env:SIMULATOR_HOST:-127.0.0.1}")
    String host;

    @Option(names = "--port", defaultValue = "${env:SIMULATOR_PORT:-18090}", description = "0 picks a free port.")
    int port;

    @Option(names = "--client-id", defaultValue = "${env:SIMULATOR_CLIENT_ID:-local-client-id}")
    String clientId;

    @Option(names = "--client-secret", defaultValue = "${env:SIMULATOR_CLIENT_SECRET:-local-client-secret}")
    String clientSecret;

    @Option(names = "--rate-limit", defaultValue = "${env:SIMULATOR_RATE_LIMIT:-0}",
            description = "API requests allowed per rolling window, then 429 (0: no limit).")
    int rateLimit;

    @Option(names = "--rate-window", defaultValue = "${env:SIMULATOR_RATE_WINDOW:-30}", description = "Seconds (default 30).")
    int rateWindow;

    @Option(names = "--error-rate", defaultValue = "${env:SIMULATOR_ERROR_RATE:-0}", description = "Share answered 500/502/503.")
    double errorRate;

    @Option(names = "--drop-rate", defaultValue = "${env:SIMULATOR_DROP_RATE:-0}",
            description = "Share whose connection is closed without an answer.")
    double dropRate;

    @Option(names = "--latency-ms", defaultValue = "${env:SIMULATOR_LATENCY_MS:-0}", description = "Added to each API request.")
    int latencyMs;

    @Option(names = "--token-lifetime", defaultValue = "${env:SIMULATOR_TOKEN_LIFETIME:-3600}",
            description = "Seconds an access token lives (default 3600).")
    long tokenLifetime;

    @Option(names = "--forbid", split = ",", defaultValue = "${env:SIMULATOR_FORBID:-}",
            description = "Endpoints answering 403 as in Development Mode: top-tracks, audio-features, artists, artist.")
    java.util.List<String> forbid;

    @Override
    public Integer call() throws Exception {
        Settings settings = new Settings(rateLimit, rateWindow, errorRate, dropRate, latencyMs, tokenLifetime,
                new HashSet<>(forbid == null ? java.util.List.of() : forbid.stream().filter(f -> !f.isBlank()).toList()));
        Catalog spotify = catalog.catalog();
        CountDownLatch stopped = new CountDownLatch(1);
        SimulatorServer server = SimulatorServer.start(host, port, spotify, new Credentials(clientId, clientSecret), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            log.info("simulator stopped");
            stopped.countDown();
        }, "simulator-shutdown"));
        log.info("simulator ready on {} ({} artists, seed {}, {})", server.url(), spotify.size(), spotify.seed(), settings);
        stopped.await();
        return 0;
    }
}
