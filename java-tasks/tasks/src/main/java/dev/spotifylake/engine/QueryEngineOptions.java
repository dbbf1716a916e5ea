package dev.spotifylake.engine;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.spotifylake.common.Environment;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.spotify.TimeSource;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Which engine registers the lake's tables and how to reach it: the options (or environment variables) of the
 * tasks that talk to a catalog. Athena uses the AWS region and credentials of the lake.
 */
public class QueryEngineOptions {
    static final String DEFAULT_DATABASE = "spotify_lake";
    private static final String DEFAULT_WORKGROUP = "primary";
    private static final String DEFAULT_TRINO_USER = "spotify-lake";
    /** Database and table names are lower-case words: Glue folds case, and they end up in SQL text. */
    private static final String NAME = "[a-z_][a-z0-9_]*";

    private final Environment environment;

    @Option(names = "--query-engine", paramLabel = "athena|trino",
            description = "Where the tables are registered (default: env QUERY_ENGINE, else athena).")
    private String engine;

    @Option(names = "--database", paramLabel = "NAME",
            description = "The catalog database (Athena, Glue) or schema (Trino) of the lake's tables, created when "
                    + "missing; give each lake a database of its own (default: env LAKE_DATABASE, else the schema "
                    + "TRINO_URL names on Trino, else " + DEFAULT_DATABASE + ").")
    private String database;

    @Option(names = "--athena-workgroup", paramLabel = "NAME",
            description = "Athena workgroup that runs the statements (default: env ATHENA_WORKGROUP, else "
                    + DEFAULT_WORKGROUP + ").")
    private String athenaWorkgroup;

    @Option(names = "--athena-output-location", paramLabel = "s3://BUCKET/PREFIX",
            description = "Where Athena writes query results (default: env ATHENA_OUTPUT_LOCATION; may be left "
                    + "unset when the workgroup sets one). Env AWS_ENDPOINT_URL_ATHENA overrides Athena's endpoint.")
    private String athenaOutputLocation;

    @Option(names = "--trino-url", paramLabel = "URL",
            description = "Trino JDBC URL naming catalog and schema, e.g. jdbc:trino://127.0.0.1:18080/hive/spotify_lake "
                    + "(default: env TRINO_URL).")
    private String trinoUrl;

    @Option(names = "--trino-partition-catalog", paramLabel = "CATALOG",
            description = "Trino catalog over the same metastore as the URL's that registers and moves partitions, so "
                    + "that the URL's catalog, which caches the metastore, switches a moved partition in one step "
                    + "(default: env TRINO_PARTITION_CATALOG; unset: the URL's catalog does it, and a moved partition "
                    + "is missing for a moment).")
    private String trinoPartitionCatalog;

    @Option(names = "--trino-user", paramLabel = "USER",
            description = "Trino user (default: env TRINO_USER, else " + DEFAULT_TRINO_USER + ").")
    private String trinoUser;

    @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long one statement may run before the task fails with exit 1 (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    public QueryEngineOptions(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /**
     * Opens the engine; the caller closes it.
     *
     * @param aws the lake's AWS settings, whose region and credentials Athena uses too
     * @param runKey what identifies this run (task and dt): Athena's request tokens derive from it
     */
    public QueryEngine open(LakeOptions aws, String runKey) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        return switch (dialect()) {
            case ATHENA -> new AthenaQueryEngine(athenaClient(aws), athenaSettings(timeout), runKey,
                    TimeSource.system(), AthenaQueryEngine.defaultPolling());
            case TRINO -> TrinoQueryEngine.connect(environment.optionOrVariable(trinoUrl, "--trino-url", "TRINO_URL"),
                    valueOrDefault(trinoUser, "TRINO_USER", DEFAULT_TRINO_USER), database(), trinoPartitionCatalog(),
                    timeout);
        };
    }

    private Dialect dialect() {
        String name = valueOrDefault(engine, "QUERY_ENGINE", Dialect.ATHENA.folder());
        try {
            return Dialect.fromName(name);
        } catch (IllegalArgumentException e) {
            throw TaskException.notRetryable("--query-engine (QUERY_ENGINE): " + e.getMessage());
        }
    }

    private AthenaSettings athenaSettings(Duration timeout) {
        Optional<String> outputLocation = athenaOutputLocation != null ? Optional.of(athenaOutputLocation)
                : environment.get("ATHENA_OUTPUT_LOCATION");
        return new AthenaSettings(database().orElse(DEFAULT_DATABASE),
                valueOrDefault(athenaWorkgroup, "ATHENA_WORKGROUP", DEFAULT_WORKGROUP), outputLocation, timeout);
    }

    /** The database the run registers into, when given: one setting for both engines. */
    private Optional<String> database() {
        Optional<String> name = database != null && !database.isBlank() ? Optional.of(database)
                : environment.get("LAKE_DATABASE");
        if (name.filter(value -> !value.matches(NAME)).isPresent()) {
            throw TaskException.notRetryable("--database (LAKE_DATABASE) must be a lower-case name of letters, "
                    + "digits and underscores, got '" + name.get() + "'");
        }
        return name;
    }

    private Optional<String> trinoPartitionCatalog() {
        Optional<String> catalog = trinoPartitionCatalog != null && !trinoPartitionCatalog.isBlank()
                ? Optional.of(trinoPartitionCatalog) : environment.get("TRINO_PARTITION_CATALOG");
        if (catalog.filter(name -> !name.matches(NAME)).isPresent()) {
            throw TaskException.notRetryable("--trino-partition-catalog (TRINO_PARTITION_CATALOG) must be a lower-case "
                    + "name of letters, digits and underscores, got '" + catalog.get() + "'");
        }
        return catalog;
    }

    private AthenaClient athenaClient(LakeOptions aws) {
        var builder = AthenaClient.builder()
                .httpClientBuilder(aws.httpClient())
                .region(aws.region())
                .credentialsProvider(aws.credentials());
        // The SDK's own name for a service endpoint; AWS_ENDPOINT_URL is the lake's (S3) endpoint, not Athena's.
        environment.get("AWS_ENDPOINT_URL_ATHENA").ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }

    private String valueOrDefault(String optionValue, String variable, String fallback) {
        if (optionValue != null && !optionValue.isBlank()) {
            return optionValue;
        }
        return environment.get(variable).orElse(fallback);
    }
}
