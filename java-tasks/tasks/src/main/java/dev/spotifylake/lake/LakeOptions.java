package dev.spotifylake.lake;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.common.Env;
import dev.spotifylake.common.Environment;
import dev.spotifylake.common.EnvironmentDefaults;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
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
 * Where the lake is and how to reach it: the options (or environment variables, see {@link EnvironmentDefaults})
 * shared by every task that touches the lake. Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the SDK's default chain, never from
 * an option.
 */
public class LakeOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--lake-uri", paramLabel = "s3://BUCKET[/PREFIX]", description = "Root of the data lake (env LAKE_URI).")
    @Env("LAKE_URI")
    private String lakeUri;

    @Option(names = "--aws-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "AWS region of the bucket (env AWS_REGION; default: ${DEFAULT-VALUE}).")
    @Env("AWS_REGION")
    private String region;

    @Option(names = "--aws-endpoint-url", paramLabel = "URL",
            description = "S3-compatible endpoint instead of AWS, with path-style access (env AWS_ENDPOINT_URL).")
    @Env("AWS_ENDPOINT_URL")
    private String endpointUrl;

    /** Opens the lake; the caller closes the connection when the task is done. */
    public LakeConnection connect() {
        LakeUri root = LakeUri.parse(EnvironmentDefaults.required(command, "--lake-uri"));
        var builder = S3Client.builder()
                .httpClientBuilder(httpClient())
                .region(region())
                .credentialsProvider(credentials());
        endpoint().ifPresent(url -> builder.endpointOverride(URI.create(url)).forcePathStyle(true));
        S3Client s3 = builder.build();
        return new LakeConnection(s3, new S3ObjectStore(s3, root));
    }

    /** These options as a command line, resolved: for a task that runs others on the same lake (reprocess). */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("--lake-uri", EnvironmentDefaults.required(command, "--lake-uri"),
                "--aws-region", region));
        endpoint().ifPresent(url -> arguments.addAll(List.of("--aws-endpoint-url", url)));
        return arguments;
    }

    /** The HTTP client of every AWS service client of a task, as a builder so that the service client owns and closes it. */
    public SdkHttpClient.Builder<?> httpClient() {
        return ApacheHttpClient.builder();
    }

    public Region region() {
        return Region.of(region);
    }

    public Optional<String> endpoint() {
        return Optional.ofNullable(endpointUrl);
    }

    /**
     * The keys of our environment when it has them (tests run in-process), with AWS_SESSION_TOKEN when they are
     * temporary, else the SDK's usual chain.
     */
    public AwsCredentialsProvider credentials() {
        Environment environment = EnvironmentDefaults.environment(command);
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
