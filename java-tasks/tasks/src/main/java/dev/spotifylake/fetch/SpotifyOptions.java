package dev.spotifylake.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.Env;
import dev.spotifylake.common.Environment;
import dev.spotifylake.common.EnvironmentDefaults;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.spotify.JdkTransport;
import dev.spotifylake.spotify.RateLimiter;
import dev.spotifylake.spotify.SpotifyClient;
import dev.spotifylake.spotify.RetrySettings;
import dev.spotifylake.spotify.SpotifyClientSettings;
import dev.spotifylake.spotify.TimeSource;
import dev.spotifylake.spotify.Transport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How the fetch tasks reach Spotify and how hard they may push it. The client id and secret come from the
 * environment only (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET), never from an option.
 */
public class SpotifyOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--spotify-api-url", paramLabel = "URL", defaultValue = "https://api.spotify.com/v1",
            description = "Web API root (env SPOTIFY_API_URL; default: ${DEFAULT-VALUE}).")
    @Env("SPOTIFY_API_URL")
    private String apiUrl;

    @Option(names = "--spotify-accounts-url", paramLabel = "URL", defaultValue = "https://accounts.spotify.com",
            description = "Accounts service root; the token is asked at <URL>/api/token "
                    + "(env SPOTIFY_ACCOUNTS_URL; default: ${DEFAULT-VALUE}).")
    @Env("SPOTIFY_ACCOUNTS_URL")
    private String accountsUrl;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", converter = AtLeast.One.class,
            description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "150", converter = AtLeast.Zero.class,
            description = "Requests the task sends at most in any rolling --rate-window, all threads together; "
                    + "keep it under the app's share of Spotify's limit. 0 sends as fast as --concurrency allows "
                    + "(429s are still honoured) (default: ${DEFAULT-VALUE}).")
    private int rateLimit;

    @Option(names = "--rate-window", paramLabel = "SECONDS", defaultValue = "30", converter = AtLeast.One.class,
            description = "The rolling window --rate-limit counts over; Spotify counts over 30 s "
                    + "(default: ${DEFAULT-VALUE}).")
    private int rateWindowSeconds;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "6", converter = AtLeast.One.class,
            description = "Attempts per request, the first included, before it counts as failed "
                    + "(429, 5xx, I/O errors, 401 are retried) (default: ${DEFAULT-VALUE}).")
    private int maxAttempts;

    @Option(names = "--max-retry-wait", paramLabel = "SECONDS", defaultValue = "120", converter = AtLeast.Zero.class,
            description = "The longest Retry-After the task waits out; a longer one fails the task with exit 1 "
                    + "so that Airflow retries it later (default: ${DEFAULT-VALUE}).")
    private int maxRetryWaitSeconds;

    @Option(names = "--backoff-base", paramLabel = "MILLIS", defaultValue = "500", converter = AtLeast.One.class,
            description = "Wait before the first retry of a 5xx or I/O error, doubled at each retry up to 30 s, "
                    + "with jitter (default: ${DEFAULT-VALUE}).")
    private int backoffBaseMillis;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10", converter = AtLeast.One.class,
            description = "Timeout to open a connection (default: ${DEFAULT-VALUE}).")
    private int connectTimeoutSeconds;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "30", converter = AtLeast.One.class,
            description = "Timeout for a whole answer once the request is sent (default: ${DEFAULT-VALUE}).")
    private int readTimeoutSeconds;

    int concurrency() {
        return concurrency;
    }

    /** A client for the whole task: one token cache and one rate limiter shared by all its threads. */
    public SpotifyClient client() {
        RetrySettings retries = retries();
        Environment environment = EnvironmentDefaults.environment(command);
        SpotifyClientSettings settings = new SpotifyClientSettings(
                url(apiUrl, "SPOTIFY_API_URL"),
                url(accountsUrl, "SPOTIFY_ACCOUNTS_URL"),
                environment.requiredSecret("SPOTIFY_CLIENT_ID").reveal(),
                environment.requiredSecret("SPOTIFY_CLIENT_SECRET"),
                retries.maxAttempts(), retries.maxRetryWait(), retries.backoffBase(), retries.backoffCap());
        TimeSource time = TimeSource.system();
        return new SpotifyClient(settings, transport(), limiter(rateLimit, rateWindowSeconds, concurrency, "--rate-limit", time),
                time, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** How patient a client of either API is: these options apply to ReccoBeats' requests too. */
    RetrySettings retries() {
        return new RetrySettings(maxAttempts, Duration.ofSeconds(maxRetryWaitSeconds), Duration.ofMillis(backoffBaseMillis),
                Duration.ofSeconds(30).plusMillis(backoffBaseMillis));
    }

    /** A transport with the task's timeouts; each client has its own. */
    Transport transport() {
        return new JdkTransport(Duration.ofSeconds(connectTimeoutSeconds), Duration.ofSeconds(readTimeoutSeconds));
    }

    /** {@code rateLimit} requests at most in any window of {@code windowSeconds}, all threads together; 0: no limit. */
    static RateLimiter limiter(int rateLimit, long windowSeconds, int concurrency, String option, TimeSource time) {
        if (rateLimit == 0) {
            return RateLimiter.unlimited(time);
        }
        // A burst as large as the threads lets them catch up a missed slot, but stays a sliver of the limit.
        int burst = Math.max(1, Math.min(concurrency, rateLimit / 60));
        if (rateLimit <= burst) {
            throw TaskException.notRetryable(option + " must be more than " + burst);
        }
        return RateLimiter.perWindow(rateLimit, Duration.ofSeconds(windowSeconds), burst, time);
    }

    static URI url(String value, String variable) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw TaskException.notRetryable(variable + " must be an http(s) URL, got '" + value + "'");
        }
    }
}
