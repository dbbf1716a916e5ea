package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The serving table as the loader uses it: checked (or created) with the seeds' key schema, the artists and dts of
 * its items scanned in parallel segments, an artist's items read, and items written and deleted only on the
 * condition that they are not newer than what the writer saw: DynamoDB's condition expressions keep "an older dt
 * never overwrites a newer one" even when two loads run at once. The SDK retries throttling and server errors; a
 * refusal becomes one line naming the table or the item and exit 2, a refused connection one line and exit 1.
 */
final class ServingTable {
    private static final Logger log = LoggerFactory.getLogger(ServingTable.class);
    private static final List<KeySchemaElement> KEY_SCHEMA = List.of(
            KeySchemaElement.builder().attributeName(TrackItems.PARTITION_KEY).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(TrackItems.SORT_KEY).keyType(KeyType.RANGE).build());
    private static final String KEY_SCHEMA_TEXT = TrackItems.PARTITION_KEY + " (HASH, S), " + TrackItems.SORT_KEY
            + " (RANGE, S)";
    private static final Map<String, String> NAMES = Map.of("#artist", TrackItems.PARTITION_KEY,
            "#id", TrackItems.SORT_KEY, "#dt", TrackItems.DT);

    private static final Duration CREATION_POLL = Duration.ofSeconds(1);
    private static final Duration CREATION_TIMEOUT = Duration.ofMinutes(2);

    private final DynamoDbClient client;
    private final String name;

    ServingTable(DynamoDbClient client, String name) {
        this.client = requireNonNull(client, "client is null");
        this.name = requireNonNull(name, "name is null");
    }

    String name() {
        return name;
    }

    /** Checks the table's key schema; when it is absent, creates it (on-demand) if asked to and waits until ACTIVE. */
    void check(boolean createIfAbsent) {
        TableDescription table = request("DescribeTable of " + name, this::describe);
        if (table == null && createIfAbsent) {
            request("CreateTable " + name, this::create);
            table = request("DescribeTable of " + name, this::describe);
        }
        if (table == null) {
            throw TaskException.notRetryable("DynamoDB table " + name + " does not exist: create it with "
                    + KEY_SCHEMA_TEXT + ", or pass --create-table");
        }
        if (!keySchemaMatches(table)) {
            throw TaskException.notRetryable("DynamoDB table " + name + " has the key schema " + keySchema(table)
                    + ", not " + KEY_SCHEMA_TEXT + ": name another table (--table, DYNAMODB_TABLE)");
        }
    }

    /** One segment of a consistent parallel Scan: passes each stored item's artist id and dt (empty if none) on. */
    void scanDts(int segment, int segments, BiConsumer<String, String> action) {
        ScanRequest scan = ScanRequest.builder().tableName(name).segment(segment).totalSegments(segments)
                .projectionExpression("#artist, #dt").expressionAttributeNames(Map.of("#artist",
                        TrackItems.PARTITION_KEY, "#dt", TrackItems.DT))
                .consistentRead(true).build();
        request("the Scan of " + name, () -> {
            client.scanPaginator(scan).items()
                    .forEach(item -> action.accept(item.get(TrackItems.PARTITION_KEY).s(), dtOf(item)));
            return null;
        });
    }

    /** The track ids of an artist's items with their dts (empty if none), read consistently. */
    Map<String, String> dtsByTrack(String artistId) {
        QueryRequest query = QueryRequest.builder().tableName(name).consistentRead(true)
                .keyConditionExpression("#artist = :artist").projectionExpression("#id, #dt")
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(Map.of(":artist", AttributeValue.fromS(artistId))).build();
        return request("the Query of artist " + artistId + " in " + name, () -> {
            Map<String, String> dts = new HashMap<>();
            client.queryPaginator(query).items().forEach(item -> dts.put(item.get(TrackItems.SORT_KEY).s(), dtOf(item)));
            return dts;
        });
    }

    /** Writes the item unless the table holds its key with a newer dt; answers whether it was written. */
    boolean putUnlessNewer(Map<String, AttributeValue> item) {
        PutItemRequest put = PutItemRequest.builder().tableName(name).item(item)
                .conditionExpression("attribute_not_exists(#dt) OR #dt <= :dt")
                .expressionAttributeNames(Map.of("#dt", TrackItems.DT))
                .expressionAttributeValues(Map.of(":dt", item.get(TrackItems.DT))).build();
        return request(describe("the put of", item), () -> conditional(() -> client.putItem(put)));
    }

    /** Deletes the item if its dt is still the one read; answers whether it was deleted. */
    boolean deleteIfDt(String artistId, String trackId, String dt) {
        Map<String, AttributeValue> key = TrackItems.key(artistId, trackId);
        var delete = DeleteItemRequest.builder().tableName(name).key(key)
                .expressionAttributeNames(Map.of("#dt", TrackItems.DT));
        if (dt.isEmpty()) {
            delete.conditionExpression("attribute_not_exists(#dt)");
        } else {
            delete.conditionExpression("#dt = :dt").expressionAttributeValues(Map.of(":dt", AttributeValue.fromS(dt)));
        }
        return request(describe("the delete of", key), () -> conditional(() -> client.deleteItem(delete.build())));
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String dtOf(Map<String, AttributeValue> item) {
        AttributeValue dt = item.get(TrackItems.DT);
        return dt == null ? "" : dt.s();
    }

    /**
     * Sends a request (the SDK retries what may pass later) and names what failed: a refusal exits 2, a refused
     * connection or retries exhausted exit 1.
     */
    private <T> T request(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw TaskException.retryable("DynamoDB kept throttling or failing " + what + " (" + code(e)
                        + ") through --max-retries retries: a retry of the task resumes the load", e);
            }
            throw TaskException.notRetryable("DynamoDB refused " + what + ": " + code(e) + " (" + message(e) + ")", e);
        } catch (SdkClientException e) {
            String endpoint = client.serviceClientConfiguration().endpointOverride().map(URI::toString)
                    .orElse("AWS in " + client.serviceClientConfiguration().region());
            if (DynamoDbOptions.refused(e)) {
                throw TaskException.retryable("cannot reach DynamoDB at " + endpoint + " (connection refused): check "
                        + "that the server runs (locally: make stack-up) and that AWS_ENDPOINT_URL_DYNAMODB or "
                        + "--dynamodb-endpoint-url names its host and port", e);
            }
            throw TaskException.retryable("DynamoDB at " + endpoint + " did not answer " + what + " ("
                    + e.getMessage() + "): a retry of the task resumes the load", e);
        }
    }

    private TableDescription describe() {
        try {
            return client.describeTable(request -> request.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private Void create() {
        log.info("creating DynamoDB table {} ({}, on-demand)", name, KEY_SCHEMA_TEXT);
        client.createTable(request -> request.tableName(name)
                .keySchema(KEY_SCHEMA)
                .attributeDefinitions(
                        stringAttribute(TrackItems.PARTITION_KEY), stringAttribute(TrackItems.SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        waitUntilActive(client, name);
        return null;
    }

    /** Waits until a new table is ACTIVE, polling every second: the SDK's default waiter polls every 20 s. */
    static void waitUntilActive(DynamoDbClient client, String name) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(config -> config.backoffStrategyV2(BackoffStrategy.fixedDelay(CREATION_POLL))
                        .waitTimeout(CREATION_TIMEOUT))
                .build()) {
            waiter.waitUntilTableExists(request -> request.tableName(name)).matched().exception().ifPresent(e -> {
                throw TaskException.retryable("DynamoDB table " + name + " did not become ACTIVE: " + e.getMessage(),
                        e);
            });
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static boolean keySchemaMatches(TableDescription table) {
        Map<String, ScalarAttributeType> types = new HashMap<>();
        table.attributeDefinitions()
                .forEach(definition -> types.put(definition.attributeName(), definition.attributeType()));
        return table.keySchema().equals(KEY_SCHEMA)
                && KEY_SCHEMA.stream().allMatch(key -> types.get(key.attributeName()) == ScalarAttributeType.S);
    }

    private static String keySchema(TableDescription table) {
        return table.keySchema().stream().map(key -> key.attributeName() + " (" + key.keyTypeAsString() + ")")
                .toList().toString();
    }

    private static String describe(String what, Map<String, AttributeValue> key) {
        return what + " item " + TrackItems.PARTITION_KEY + "=" + text(key, TrackItems.PARTITION_KEY) + ", "
                + TrackItems.SORT_KEY + "=" + text(key, TrackItems.SORT_KEY);
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? "(missing)" : value.s();
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }
}
