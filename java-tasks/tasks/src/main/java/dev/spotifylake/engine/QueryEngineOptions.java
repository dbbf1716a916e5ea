package dev.spotifylake.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.Env;
import dev.spotifylake.common.EnvironmentDefaults;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.spotify.TimeSource;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Which engine registers the lake's tables and how to reach it: the options (or environment variables) of the
 * tasks that talk to a catalog. Athena uses the AWS region and credentials of the lake.
 */
public class QueryEngineOptions {
    static final String DEFAULT_DATABASE = "spotify_lake";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--query-engine", paramLabel = "athena|trino", defaultValue = "athena",
            description = "Where the tables are registered (env QUERY_ENGINE; default: ${DEFAULT-VALUE}).")
    @Env("QUERY_ENGINE")
    private Dialect dialect;

    @Option(names = "--database", paramLabel = "NAME", converter = LowerCaseName.class,
            description = "The catalog database (Athena, Glue) or schema (Trino) of the lake's tables, created when "
                    + "missing; give each lake a database of its own (env LAKE_DATABASE; default: the schema "
                    + "TRINO_URL names on Trino, else " + DEFAULT_DATABASE + ").")
    @Env("LAKE_DATABASE")
    private String database;

    @Option(names = "--athena-workgroup", paramLabel = "NAME", defaultValue = "primary",
            description = "Athena workgroup that runs the statements (env ATHENA_WORKGROUP; default: ${DEFAULT-VALUE}).")
    @Env("ATHENA_WORKGROUP")
    private String athenaWorkgroup;

    @Option(names = "--athena-output-location", paramLabel = "s3://BUCKET/PREFIX",
            description = "Where Athena writes query results (env ATHENA_OUTPUT_LOCATION; may be left unset when the "
                    + "workgroup sets one). Env AWS_ENDPOINT_URL_ATHENA overrides Athena's endpoint.")
    @Env("ATHENA_OUTPUT_LOCATION")
    private String athenaOutputLocation;

    @Option(names = "--trino-url", paramLabel = "URL",
            description = "Trino JDBC URL naming catalog and schema, e.g. jdbc:trino://127.0.0.1:18080/hive/spotify_lake "
                    + "(env TRINO_URL).")
    @Env("TRINO_URL")
    private String trinoUrl;

    @Option(names = "--trino-partition-catalog", paramLabel = "CATALOG", converter = LowerCaseName.class,
            description = "Trino catalog over the same metastore as the URL's that registers and moves partitions, so "
                    + "that the URL's catalog, which caches the metastore, switches a moved partition in one step "
                    + "(env TRINO_PARTITION_CATALOG; unset: the URL's catalog does it, and a moved partition "
                    + "is missing for a moment).")
    @Env("TRINO_PARTITION_CATALOG")
    private String trinoPartitionCatalog;

    @Option(names = "--trino-user", paramLabel = "USER", defaultValue = "spotify-lake",
            description = "Trino user (env TRINO_USER; default: ${DEFAULT-VALUE}).")
    @Env("TRINO_USER")
    private String trinoUser;

    @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "600", converter = AtLeast.One.class,
            description = "How long one statement may run before the task fails with exit 1 (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    /**
     * Opens the engine; the caller closes it.
     *
     * @param aws the lake's AWS settings, whose region and credentials Athena uses too
     * @param runKey what identifies this run (task and dt): Athena's request tokens derive from it
     */
    public QueryEngine open(LakeOptions aws, String runKey) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        return switch (dialect) {
            case ATHENA -> new AthenaQueryEngine(athenaClient(aws), athenaSettings(timeout), runKey,
                    TimeSource.system(), AthenaQueryEngine.defaultPolling());
            case TRINO -> TrinoQueryEngine.connect(EnvironmentDefaults.required(command, "--trino-url"), trinoUser,
                    Optional.ofNullable(database), Optional.ofNullable(trinoPartitionCatalog), timeout);
        };
    }

    private AthenaSettings athenaSettings(Duration timeout) {
        return new AthenaSettings(Objects.requireNonNullElse(database, DEFAULT_DATABASE), athenaWorkgroup,
                Optional.ofNullable(athenaOutputLocation), timeout);
    }

    /**
     * Database and catalog names are lower-case words: Glue folds case, and they end up in SQL text. Blank is unset.
     */
    static final class LowerCaseName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                return null;
            }
            if (!value.matches("[a-z_][a-z0-9_]*")) {
                throw new TypeConversionException("must be a lower-case name of letters, digits and underscores, got '"
                        + value + "'");
            }
            return value;
        }
    }

    private AthenaClient athenaClient(LakeOptions aws) {
        var builder = AthenaClient.builder()
                .httpClientBuilder(aws.httpClient())
                .region(aws.region())
                .credentialsProvider(aws.credentials());
        // The SDK's own name for a service endpoint; AWS_ENDPOINT_URL is the lake's (S3) endpoint, not Athena's.
        EnvironmentDefaults.environment(command).get("AWS_ENDPOINT_URL_ATHENA")
                .ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }
}
