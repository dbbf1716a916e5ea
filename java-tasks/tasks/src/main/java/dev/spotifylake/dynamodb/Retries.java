package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.spotify.Backoff;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Retries DynamoDB requests that may pass later: throttling, server errors, a network failure, and answers that
 * left part of the work undone (a BatchWriteItem's UnprocessedItems), each after an exponential backoff with
 * jitter. A request still not through after the last retry fails the task as retryable (exit 1); any other
 * service error is thrown at once, for the caller to name. Shared by the task's threads, which count together.
 */
final class Retries {
    private static final Logger log = LoggerFactory.getLogger(Retries.class);

    private final Backoff backoff;
    private final int maxRetries;
    private final AtomicLong count = new AtomicLong();

    Retries(Backoff backoff, int maxRetries) {
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.maxRetries = maxRetries;
    }

    /** Sends the request until its answer is complete; {@code what} names it in the failure. */
    <T> T call(String what, Supplier<T> request, Predicate<T> complete) {
        String lastProblem = "";
        for (int retry = 0; ; retry++) {
            if (retry > 0) {
                if (retry > maxRetries) {
                    throw TaskException.retryable(what + " was not through after " + maxRetries + " retries (last: "
                            + lastProblem + "): DynamoDB is throttling or failing; a retry of the task resumes it");
                }
                count.incrementAndGet();
                pause(retry);
            }
            try {
                T answer = request.get();
                if (complete.test(answer)) {
                    return answer;
                }
                lastProblem = "unprocessed items";
            } catch (AwsServiceException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                lastProblem = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode();
            } catch (SdkClientException e) {
                lastProblem = e.getMessage();
            }
            log.debug("{}: {}, retry {}", what, lastProblem, retry + 1);
        }
    }

    <T> T call(String what, Supplier<T> request) {
        return call(what, request, answer -> true);
    }

    /** Retries so far, of every thread. */
    long count() {
        return count.get();
    }

    private static boolean isTransient(AwsServiceException e) {
        return e.isThrottlingException() || e.statusCode() >= 500;
    }

    private void pause(int retry) {
        try {
            TimeUnit.NANOSECONDS.sleep(backoff.delayNanos(retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskException.retryable("interrupted while waiting to retry a DynamoDB request", e);
        }
    }
}
