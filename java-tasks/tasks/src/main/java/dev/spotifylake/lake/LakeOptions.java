package dev.spotifylake.lake;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

import dev.spotifylake.common.Environment;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the lake is and how to reach it: the options (or environment variables) shared by every task that touches
 * the lake. Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the SDK's default chain, never from
 * an option.
 */
public class LakeOptions {
    private final Environment environment;

    @Option(names = "--lake-uri", paramLabel = "s3://BUCKET[/PREFIX]",
            description = "Root of the data lake (default: env LAKE_URI).")
    private String lakeUri;

    @Option(names = "--aws-region", paramLabel = "REGION",
            description = "AWS region of the bucket (default: env AWS_REGION, else us-east-1).")
    private String region;

    @Option(names = "--aws-endpoint-url", paramLabel = "URL",
            description = "S3-compatible endpoint instead of AWS, with path-style access (default: env AWS_ENDPOINT_URL).")
    private String endpointUrl;

    public LakeOptions(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** Opens the lake; the caller closes the connection when the task is done. */
    public LakeConnection connect() {
        LakeUri root = LakeUri.parse(environment.optionOrVariable(lakeUri, "--lake-uri", "LAKE_URI"));
        var builder = S3Client.builder()
                .httpClientBuilder(httpClient())
                .region(region())
                .credentialsProvider(credentials());
        endpoint().ifPresent(url -> builder.endpointOverride(URI.create(url)).forcePathStyle(true));
        S3Client s3 = builder.build();
        return new LakeConnection(s3, new S3ObjectStore(s3, root));
    }

    /** The HTTP client of every AWS service client of a task, as a builder so that the service client owns and closes it. */
    public SdkHttpClient.Builder<?> httpClient() {
        return ApacheHttpClient.builder();
    }

    public Region region() {
        return Region.of(region != null ? region : environment.get("AWS_REGION").orElse("us-east-1"));
    }

    public Optional<String> endpoint() {
        return endpointUrl != null ? Optional.of(endpointUrl) : environment.get("AWS_ENDPOINT_URL");
    }

    /**
     * The keys of our environment when it has them (tests run in-process), with AWS_SESSION_TOKEN when they are
     * temporary, else the SDK's usual chain.
     */
    public AwsCredentialsProvider credentials() {
        var accessKey = environment.get("AWS_ACCESS_KEY_ID");
        if (accessKey.isPresent()) {
            var secretKey = environment.requiredSecret("AWS_SECRET_ACCESS_KEY").reveal();
            var sessionToken = environment.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(sessionToken.isPresent()
                    ? AwsSessionCredentials.create(accessKey.get(), secretKey, sessionToken.get())
                    : AwsBasicCredentials.create(accessKey.get(), secretKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
