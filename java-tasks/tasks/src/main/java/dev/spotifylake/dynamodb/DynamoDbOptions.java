package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

import dev.spotifylake.common.Environment;
import dev.spotifylake.lake.LakeOptions;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the serving store is: the table name, and the endpoint when it is not AWS's. Region, credentials and the
 * HTTP client are the lake's ({@link LakeOptions}), so one role and one region serve both.
 */
public class DynamoDbOptions {
    static final String DEFAULT_TABLE = "top_tracks";

    private final Environment environment;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The DynamoDB table (default: env DYNAMODB_TABLE, else " + DEFAULT_TABLE + ").")
    private String table;

    @Option(names = "--dynamodb-endpoint-url", paramLabel = "URL",
            description = "A DynamoDB-compatible endpoint instead of AWS (default: env AWS_ENDPOINT_URL_DYNAMODB).")
    private String endpointUrl;

    public DynamoDbOptions(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    public String table() {
        return table != null ? table : environment.get("DYNAMODB_TABLE").orElse(DEFAULT_TABLE);
    }

    /**
     * A client without the SDK's own retries: {@link Retries} retries throttling and unprocessed items itself,
     * with one budget and one count for the summary.
     */
    public DynamoDbClient connect(LakeOptions lake) {
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(lake.httpClient())
                .region(lake.region())
                .credentialsProvider(lake.credentials())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
        // the SDK reads AWS_ENDPOINT_URL_DYNAMODB from the process; ours may be a test's, so it is passed on
        var endpoint = endpointUrl != null ? Optional.of(endpointUrl) : environment.get("AWS_ENDPOINT_URL_DYNAMODB");
        endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }
}
