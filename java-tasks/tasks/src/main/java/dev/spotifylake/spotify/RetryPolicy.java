package dev.spotifylake.spotify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import dev.spotifylake.common.TaskException;

/**
 * The task's one retry policy for a request to an API, shared by the Spotify and ReccoBeats clients: 429 waits
 * out Retry-After (pausing every request of the client, bounded by {@link RetrySettings#maxRetryWait()}: a longer
 * wait fails the task with exit 1 rather than hanging it); 5xx, I/O errors and a 2xx whose body is not one JSON
 * value are retried with exponential backoff and jitter; a 401 is retried when the request says it may be.
 */
public final class RetryPolicy {
    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);
    private static final JsonFactory JSON = new JsonFactory();

    /** One kind of request and how it reacts to 401 and 429. */
    public interface Attempt {
        Transport.Response send() throws IOException, InterruptedException;

        /** Answers whether a 401 may be retried (after fetching a new token). */
        boolean refreshAfterUnauthorized();

        /** The API said to wait {@code waitNanos} before the next request. */
        void throttled(long waitNanos) throws InterruptedException;
    }

    private final String api;
    private final RetrySettings settings;
    private final TimeSource time;
    private final Backoff backoff;
    private final ClientStats stats;

    /** {@code api} names the API in messages ("Spotify"); {@code random} gives the backoff's jitter. */
    public RetryPolicy(String api, RetrySettings settings, TimeSource time, DoubleSupplier random, ClientStats stats) {
        this.api = requireNonNull(api, "api is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.time = requireNonNull(time, "time is null");
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffCap(), random);
        this.stats = requireNonNull(stats, "stats is null");
    }

    /** Sends {@code attempt} until an answer retrying cannot change; {@code what} names it in logs and errors. */
    public Transport.Response exchange(Attempt attempt, String what) throws InterruptedException, RetriesExhaustedException {
        int lastStatus = 0;
        String lastOutcome = "no answer";
        for (int number = 1; number <= settings.maxAttempts(); number++) {
            if (number > 1) {
                stats.retried();
            }
            Transport.Response response;
            try {
                response = attempt.send();
            } catch (IOException e) {
                stats.ioError();
                lastStatus = 0;
                lastOutcome = "I/O error: " + describe(e);
                backOff(number, what, lastOutcome);
                continue;
            }
            int status = response.status();
            lastStatus = status;
            lastOutcome = "HTTP " + status;
            if (status == 429) {
                long wait = retryAfterNanos(response).orElse(backoff.delayNanos(number));
                if (wait > settings.maxRetryWait().toNanos()) {
                    throw TaskException.retryable(api + " asked to wait " + (wait / 1_000_000_000L) + " s before the next "
                            + "request (" + what + "), more than --max-retry-wait (" + settings.maxRetryWait().toSeconds()
                            + " s): giving up so that Airflow retries the task later");
                }
                log.debug("429 for {}: pausing every request for {} ms", what, wait / 1_000_000);
                attempt.throttled(wait);
                continue;
            }
            if (status == 401 && attempt.refreshAfterUnauthorized()) {
                continue;
            }
            if (status >= 500) {
                stats.serverError();
                backOff(number, what, lastOutcome);
                continue;
            }
            if (status / 100 == 2 && !isOneJsonValue(response.body())) {
                lastOutcome = "HTTP " + status + " with a body that is not one JSON value";
                backOff(number, what, lastOutcome);
                continue;
            }
            return response;
        }
        throw new RetriesExhaustedException(what, settings.maxAttempts(), lastStatus, lastOutcome);
    }

    private void backOff(int attempt, String what, String outcome) throws InterruptedException {
        if (attempt < settings.maxAttempts()) {
            long wait = backoff.delayNanos(attempt);
            log.debug("{} for {}: retry {} in {} ms", outcome, what, attempt, wait / 1_000_000);
            stats.waited(wait);
            time.sleepNanos(wait);
        }
    }

    /** Retry-After in seconds, as both APIs send it; absent, unparsable or zero means "back off as usual". */
    private static Optional<Long> retryAfterNanos(Transport.Response response) {
        try {
            return response.header("retry-after")
                    .map(value -> Long.parseLong(value.strip()))
                    .filter(seconds -> seconds > 0)
                    .map(seconds -> Math.multiplyExact(seconds, 1_000_000_000L));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A cut connection can leave a 200 with half a body: that is a failed attempt, not data. */
    private static boolean isOneJsonValue(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
