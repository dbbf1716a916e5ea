package dev.spotifylake.engine;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.spotify.Backoff;
import dev.spotifylake.spotify.TimeSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.InternalServerException;
import software.amazon.awssdk.services.athena.model.MetadataException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.TableMetadata;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/**
 * Runs statements on Amazon Athena: StartQueryExecution, then GetQueryExecution with backoff until the query
 * ends or the timeout passes.
 *
 * <p>Each execution carries a request token derived from the statement, its settings and the run's key (the dt),
 * never a random one: a retried task that sends the same statement is answered with the query its earlier attempt
 * started, running or done, instead of starting a second one. Since the same token always leads to the same
 * execution, an execution that failed for a reason Athena calls retryable (or was cancelled) is followed by the
 * next token of a fixed sequence, up to {@value #MAX_EXECUTIONS} per statement and run key.
 */
public final class AthenaQueryEngine implements QueryEngine {
    private static final Logger log = LoggerFactory.getLogger(AthenaQueryEngine.class);
    static final int MAX_EXECUTIONS = 5;
    /** The Glue Data Catalog as Athena names it. */
    private static final String DATA_CATALOG = "AwsDataCatalog";

    private final AthenaClient athena;
    private final AthenaSettings settings;
    private final String runKey;
    private final TimeSource time;
    private final Backoff polling;

    /**
     * @param runKey what makes this run's statements distinct from another run's: the task and its dt
     * @param polling the waits between two GetQueryExecution calls of one query
     */
    public AthenaQueryEngine(AthenaClient athena, AthenaSettings settings, String runKey, TimeSource time, Backoff polling) {
        this.athena = requireNonNull(athena, "athena is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.runKey = requireNonNull(runKey, "runKey is null");
        this.time = requireNonNull(time, "time is null");
        this.polling = requireNonNull(polling, "polling is null");
    }

    /** Polls after 0.25 s at first, backing off to every 5 s: DDL ends within seconds, a full repair may take minutes. */
    public static Backoff defaultPolling() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), Math::random);
    }

    @Override
    public Dialect dialect() {
        return Dialect.ATHENA;
    }

    @Override
    public String schema() {
        return settings.database();
    }

    @Override
    public void createSchema(String statement) {
        run(statement, false, "");
    }

    @Override
    public void execute(String statement) {
        run(statement, true, "");
    }

    @Override
    public void changePartition(PartitionChange change) {
        change.statements().forEach(this::execute);
    }

    /**
     * The rows of GetQueryResults, page after page, without the header row Athena puts first for a SELECT. A query
     * reads the catalog as it is now, so its token is new each time: the token of an earlier identical query would
     * bring that query's answer back.
     */
    @Override
    public List<List<String>> query(String statement) {
        String id = run(statement, true, UUID.randomUUID().toString());
        List<List<String>> rows = new ArrayList<>();
        call("read the results of query " + id, () -> {
            athena.getQueryResultsPaginator(request -> request.queryExecutionId(id)).forEach(page -> {
                for (Row row : page.resultSet().rows()) {
                    rows.add(row.data().stream().map(Datum::varCharValue).toList());
                }
            });
            return rows;
        });
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }

    /** GetTableMetadata: the Glue table's columns, partition keys apart, and its location. */
    @Override
    public Optional<CatalogTable> table(String name) {
        TableMetadata table;
        try {
            table = call("read the metadata of table " + name, () -> athena.getTableMetadata(request -> request
                    .catalogName(DATA_CATALOG).databaseName(settings.database()).tableName(name))).tableMetadata();
        } catch (TaskException e) {
            if (e.getCause() instanceof MetadataException) {
                // Athena's answer for a table the database does not have
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new CatalogTable(table.parameters().getOrDefault("location", ""), table.columns().stream()
                .map(column -> new CatalogTable.Column(column.name(), column.type())).toList()));
    }

    @Override
    public void close() {
        athena.close();
    }

    /**
     * Runs the statement to success and answers the id of the execution that succeeded.
     *
     * @param salt empty for a statement whose earlier execution by this run key stands for this one
     */
    private String run(String statement, boolean inDatabase, String salt) {
        String lastEnd = "";
        for (int execution = 0; execution < MAX_EXECUTIONS; execution++) {
            long started = time.nanoTime();
            String id = start(statement, inDatabase, requestToken(statement, inDatabase, execution, salt));
            QueryExecution ended = awaitEnd(id);
            QueryExecutionState state = ended.status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                log.debug("Athena query {} succeeded in {} ms: {}", id, (time.nanoTime() - started) / 1_000_000, statement);
                return id;
            }
            if (state == QueryExecutionState.FAILED && !markedRetryable(ended.status().athenaError())) {
                // bad SQL, a missing table, refused permissions: the same statement would fail the same way
                throw TaskException.notRetryable("Athena query " + id + " FAILED: " + reason(ended));
            }
            lastEnd = "query " + id + " " + state + ": " + reason(ended);
            log.warn("Athena {}; starting it again", lastEnd);
        }
        throw TaskException.retryable("Athena: the statement ended without success " + MAX_EXECUTIONS
                + " times for " + runKey + ", last " + lastEnd + "; statement: " + firstLine(statement));
    }

    private String start(String statement, boolean inDatabase, String token) {
        StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder()
                .queryString(statement)
                .clientRequestToken(token)
                .workGroup(settings.workgroup());
        if (inDatabase) {
            request.queryExecutionContext(context -> context.database(settings.database()));
        }
        settings.outputLocation().ifPresent(location -> request.resultConfiguration(result -> result.outputLocation(location)));
        String id = call("start a query", () -> athena.startQueryExecution(request.build())).queryExecutionId();
        log.debug("Athena query {} for: {}", id, statement);
        return id;
    }

    private QueryExecution awaitEnd(String id) {
        long deadline = time.nanoTime() + settings.timeout().toNanos();
        for (int poll = 1; ; poll++) {
            QueryExecution execution = call("read the state of query " + id,
                    () -> athena.getQueryExecution(request -> request.queryExecutionId(id))).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED || state == QueryExecutionState.FAILED
                    || state == QueryExecutionState.CANCELLED) {
                return execution;
            }
            long left = deadline - time.nanoTime();
            if (left <= 0) {
                throw TaskException.retryable("Athena query " + id + " is still " + state + " after "
                        + settings.timeout().toSeconds() + " s; a retry of the task waits for the same query");
            }
            sleep(Math.min(polling.delayNanos(poll), left));
        }
    }

    private void sleep(long nanos) {
        try {
            time.sleepNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskException.retryable("interrupted while waiting for Athena", e);
        }
    }

    /**
     * The same statement with the same settings for the same run key gets the same token, within Athena's limit of
     * 32 to 128 characters; every parameter of the request is in it, since Athena refuses a known token whose
     * request differs.
     */
    private String requestToken(String statement, boolean inDatabase, int execution, String salt) {
        String identity = String.join("\n", runKey, settings.workgroup(), inDatabase ? settings.database() : "",
                settings.outputLocation().orElse(""), Integer.toString(execution), salt, statement);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean markedRetryable(AthenaError error) {
        return error != null && Boolean.TRUE.equals(error.retryable());
    }

    private static String reason(QueryExecution execution) {
        AthenaError error = execution.status().athenaError();
        String reason = execution.status().stateChangeReason();
        if (reason == null && error != null) {
            reason = error.errorMessage();
        }
        String text = reason == null ? "no reason given" : reason;
        return error == null ? text : text + " [error type " + error.errorType() + ", category " + error.errorCategory()
                + (markedRetryable(error) ? ", retryable]" : "]");
    }

    private static String firstLine(String statement) {
        int newline = statement.indexOf('\n');
        return newline < 0 ? statement : statement.substring(0, newline) + " ...";
    }

    /**
     * One Athena API call, its failure classified: throttling, Athena's own trouble and the network may pass
     * (exit 1); a request Athena refuses (bad SQL, a token reused with other parameters), refused credentials or
     * permissions cannot (exit 2). The SDK has already retried what it retries by itself.
     */
    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (TooManyRequestsException | InternalServerException e) {
            throw TaskException.retryable("Athena: cannot " + what + ": " + e.getMessage(), e);
        } catch (AthenaException e) {
            String message = "Athena: cannot " + what + ": HTTP " + e.statusCode() + " " + e.getMessage();
            boolean retryable = e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException();
            throw retryable ? TaskException.retryable(message, e) : TaskException.notRetryable(message, e);
        } catch (SdkClientException e) {
            throw TaskException.retryable("Athena: cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
