package dev.spotifylake.fetch;

import java.util.concurrent.ThreadLocalRandom;

import dev.spotifylake.VersionProvider;
import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.Env;
import dev.spotifylake.reccobeats.ReccoBeatsClient;
import dev.spotifylake.reccobeats.ReccoBeatsSettings;
import dev.spotifylake.spotify.TimeSource;
import picocli.CommandLine.Option;

/**
 * How the fetch tasks reach ReccoBeats and how gently: it publishes no limits and may block a client that hammers
 * it, so its requests have a rate limit and a concurrency of their own, low by default. The retry options
 * (--max-attempts, --max-retry-wait, --backoff-base, timeouts) are the same as Spotify's.
 */
public class ReccoBeatsOptions {
    @Option(names = "--reccobeats-api-url", paramLabel = "URL", defaultValue = "https://api.reccobeats.com/v1",
            description = "ReccoBeats API root (env RECCOBEATS_API_URL; default: ${DEFAULT-VALUE}).")
    @Env("RECCOBEATS_API_URL")
    private String apiUrl;

    @Option(names = "--reccobeats-concurrency", paramLabel = "N", defaultValue = "2", converter = AtLeast.One.class,
            description = "Requests to ReccoBeats in flight at most (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--reccobeats-rate-limit", paramLabel = "N", defaultValue = "50", converter = AtLeast.Zero.class,
            description = "Requests to ReccoBeats at most in any rolling 10 s, all threads together, apart from "
                    + "Spotify's; 0 sends as fast as --reccobeats-concurrency allows (429s are still honoured) "
                    + "(default: ${DEFAULT-VALUE}).")
    private int rateLimit;

    int concurrency() {
        return concurrency;
    }

    /** A client for the whole task, with its own rate limiter; timeouts and retries as {@code shared} says. */
    ReccoBeatsClient client(SpotifyOptions shared) {
        ReccoBeatsSettings settings = new ReccoBeatsSettings(
                SpotifyOptions.url(apiUrl, "RECCOBEATS_API_URL"),
                ReccoBeatsSettings.userAgent(VersionProvider.version()), shared.retries());
        TimeSource time = TimeSource.system();
        return new ReccoBeatsClient(settings, shared.transport(),
                SpotifyOptions.limiter(rateLimit, 10, concurrency, "--reccobeats-rate-limit", time), time,
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
