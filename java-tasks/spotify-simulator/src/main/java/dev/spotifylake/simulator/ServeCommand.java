package dev.spotifylake.simulator;

import dev.spotifylake.simulator.server.Endpoint;
import dev.spotifylake.simulator.server.SimulatorConfig;
import dev.spotifylake.simulator.server.SimulatorServer;
import dev.spotifylake.simulator.server.SimulatorSettings;
import java.io.IOException;
import java.net.BindException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Serves the token endpoint, the Web API under /v1, ReccoBeats under /reccobeats/v1, /health and /_admin until
 * SIGTERM. Every behaviour set here can be changed at runtime with POST /_admin/config. Exit codes: 0 stopped, 1
 * could not start, 2 bad arguments.
 */
@Command(name = "serve",
        description = "Serve the simulated Spotify Web API (and ReccoBeats under /reccobeats/v1) until stopped "
                + "(SIGTERM).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on.")
    String host;

    @Option(names = "--port", defaultValue = "18090", description = "Port to listen on.")
    int port;

    @Option(names = "--client-id", defaultValue = "local-client-id", description = "The one app's client id.")
    String clientId;

    @Option(names = "--client-secret", defaultValue = "local-client-secret", showDefaultValue = Visibility.NEVER,
            description = "The app's client secret.")
    String clientSecret;

    @Option(names = "--threads", defaultValue = "64",
            description = "Threads answering requests; latency holds one per request.")
    int threads;

    @Option(names = "--rate-limit", defaultValue = "0", description = "Requests admitted per rolling window; more get "
            + "429 with Retry-After and no body. 0: no limit.")
    int rateLimit;

    @Option(names = "--rate-window-s", defaultValue = "30",
            description = "The rolling window of the rate limit, in seconds.")
    int rateWindowSeconds;

    @Option(names = "--retry-after-s", defaultValue = "0",
            description = "A fixed Retry-After for 429s; 0: the time until the window has room.")
    int retryAfterSeconds;

    @Option(names = "--error-rate", defaultValue = "0", description = "Share of API requests answered 500, 502 or 503.")
    double errorRate;

    @Option(names = "--drop-rate", defaultValue = "0",
            description = "Share of API requests whose connection is closed unanswered.")
    double dropRate;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Added to every token and API answer, in ms.")
    int latencyMs;

    @Option(names = "--token-lifetime-s", defaultValue = "3600", description = "expires_in of new tokens, in seconds.")
    int tokenLifetimeSeconds;

    @Option(names = "--forbidden", split = ",", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = "API endpoints answering 403 as to Development Mode apps: top-tracks, audio-features, "
                    + "artists, artist (comma-separated; default: none).")
    List<String> forbidden;

    @Option(names = "--reccobeats-rate-limit", defaultValue = "0",
            description = "ReccoBeats' own limit (under /reccobeats/v1), requests admitted per rolling window; more "
                    + "get 429 with Retry-After. 0: no limit.")
    int reccoBeatsRateLimit;

    @Option(names = "--reccobeats-rate-window-s", defaultValue = "1",
            description = "The rolling window of ReccoBeats' limit, in seconds.")
    int reccoBeatsRateWindowSeconds;

    @Option(names = "--reccobeats-user-agent-required", defaultValue = "false", fallbackValue = "true",
            arity = "0..1", description = "ReccoBeats answers 403 to requests without a User-Agent of their own "
                    + "(none, or an HTTP library's default), as the real one was seen to.")
    boolean reccoBeatsUserAgentRequired;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SimulatorConfig config = new SimulatorConfig(host, port, clientId, clientSecret, catalog.seed,
                catalog.artists, threads, settings());
        SimulatorServer server;
        try {
            server = SimulatorServer.start(config);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            server.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        log.info("ready on {} (seed {}, {} artists, client id {}); {}", server.baseUri(), catalog.seed,
                catalog.artists, clientId, config.settings());
        stopped.await();
        return 0;
    }

    private SimulatorSettings settings() {
        Set<Endpoint> forbiddenEndpoints = EnumSet.noneOf(Endpoint.class);
        for (String name : forbidden) {
            if (!name.isBlank()) {
                forbiddenEndpoints.add(Endpoint.named(name.strip()));
            }
        }
        return new SimulatorSettings(rateLimit, rateWindowSeconds, retryAfterSeconds, errorRate, dropRate, latencyMs,
                tokenLifetimeSeconds, forbiddenEndpoints, reccoBeatsRateLimit, reccoBeatsRateWindowSeconds,
                reccoBeatsUserAgentRequired);
    }
}
