package dev.spotifylake.dynamodb;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.Env;
import dev.spotifylake.lake.LakeOptions;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the serving store is (the table name, and the endpoint when it is not AWS's) and how hard the SDK retries
 * it. Region, credentials and the HTTP client are the lake's ({@link LakeOptions}), so one role and one region serve
 * both.
 */
public class DynamoDbOptions {
    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(5));

    @Option(names = "--table", paramLabel = "NAME", defaultValue = "top_tracks",
            description = "The DynamoDB table (env DYNAMODB_TABLE; default: ${DEFAULT-VALUE}).")
    @Env("DYNAMODB_TABLE")
    private String table;

    @Option(names = "--dynamodb-endpoint-url", paramLabel = "URL",
            description = "A DynamoDB-compatible endpoint instead of AWS (env AWS_ENDPOINT_URL_DYNAMODB).")
    @Env("AWS_ENDPOINT_URL_DYNAMODB")
    private String endpointUrl;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "10", converter = AtLeast.Zero.class,
            description = "Retries of a throttled or failed request, with exponential backoff and jitter from 50 ms "
                    + "to 5 s, before the task fails with exit 1 (default: ${DEFAULT-VALUE}).")
    private int maxRetries;

    public String table() {
        return table;
    }

    /** A client whose requests the SDK retries; {@code retries} counts them. */
    DynamoDbClient connect(LakeOptions lake, RetryCount retries) {
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(lake.httpClient())
                .region(lake.region())
                .credentialsProvider(lake.credentials())
                .overrideConfiguration(config -> config.retryStrategy(retryStrategy()).addMetricPublisher(retries));
        // the SDK reads AWS_ENDPOINT_URL_DYNAMODB from the process; ours may be a test's, so it is passed on
        if (endpointUrl != null) {
            builder.endpointOverride(URI.create(endpointUrl));
        }
        return builder.build();
    }

    public DynamoDbClient connect(LakeOptions lake) {
        return connect(lake, new RetryCount());
    }

    /**
     * The SDK's standard strategy, retrying what may pass later: throttling, server errors, a connection that broke
     * or timed out. Not a refused connection: nothing listens there and waiting starts nothing, so the task says so
     * at once. Without the circuit breaker: a bulk load on a table at its capacity is throttled by design, and
     * --max-retries bounds each request.
     */
    private RetryStrategy retryStrategy() {
        return StandardRetryStrategy.builder()
                .useClientDefaults(false) // the client's defaults would retry a refused connection too
                .retryOnException(DynamoDbOptions::mayPassLater)
                .treatAsThrottling(e -> e instanceof AwsServiceException service && service.isThrottlingException())
                .maxAttempts(maxRetries + 1)
                .backoffStrategy(BACKOFF)
                .throttlingBackoffStrategy(BACKOFF)
                .circuitBreakerEnabled(false)
                .build();
    }

    private static boolean mayPassLater(Throwable e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e instanceof SdkClientException && !refused(e);
    }

    /** The server refused the connection: no DynamoDB listens at the endpoint. */
    static boolean refused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
