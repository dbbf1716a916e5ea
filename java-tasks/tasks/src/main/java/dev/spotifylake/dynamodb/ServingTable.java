package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The serving table as the loader uses it: checked (or created) with the seeds' key schema, its keys scanned in
 * parallel segments, written in batches. Every request goes through {@link Retries}; a refusal becomes one line
 * naming the table, or the item, and exit 2.
 */
final class ServingTable {
    private static final Logger log = LoggerFactory.getLogger(ServingTable.class);
    private static final List<KeySchemaElement> KEY_SCHEMA = List.of(
            KeySchemaElement.builder().attributeName(TrackItems.PARTITION_KEY).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(TrackItems.SORT_KEY).keyType(KeyType.RANGE).build());
    private static final String KEY_SCHEMA_TEXT = TrackItems.PARTITION_KEY + " (HASH, S), " + TrackItems.SORT_KEY
            + " (RANGE, S)";

    private static final Duration CREATION_POLL = Duration.ofSeconds(1);
    private static final Duration CREATION_TIMEOUT = Duration.ofMinutes(2);

    private final DynamoDbClient client;
    private final String name;
    private final Retries retries;

    ServingTable(DynamoDbClient client, String name, Retries retries) {
        this.client = requireNonNull(client, "client is null");
        this.name = requireNonNull(name, "name is null");
        this.retries = requireNonNull(retries, "retries is null");
    }

    String name() {
        return name;
    }

    /** Checks the table's key schema; when it is absent, creates it (on-demand) if asked to and waits until ACTIVE. */
    void check(boolean createIfAbsent) {
        try {
            TableDescription table = describe();
            if (table == null && createIfAbsent) {
                create();
                table = describe();
            }
            if (table == null) {
                throw TaskException.notRetryable("DynamoDB table " + name + " does not exist: create it with "
                        + KEY_SCHEMA_TEXT + ", or pass --create-table");
            }
            if (!keySchemaMatches(table)) {
                throw TaskException.notRetryable("DynamoDB table " + name + " has the key schema " + keySchema(table)
                        + ", not " + KEY_SCHEMA_TEXT + ": name another table (--table, DYNAMODB_TABLE)");
            }
        } catch (AwsServiceException e) {
            throw refused("DescribeTable/CreateTable of " + name, e);
        }
    }

    /**
     * One segment of a consistent parallel Scan of the table's keys and dts: passes each stored item's artist id,
     * track id and dt (empty if it has none) on, page by page.
     */
    void scanKeys(int segment, int segments, StoredItemConsumer action) {
        Map<String, AttributeValue> start = null;
        try {
            do {
                ScanRequest.Builder scan = ScanRequest.builder().tableName(name)
                        .segment(segment).totalSegments(segments)
                        .projectionExpression("#artist, #id, #dt")
                        .expressionAttributeNames(Map.of("#artist", TrackItems.PARTITION_KEY,
                                "#id", TrackItems.SORT_KEY, "#dt", TrackItems.DT))
                        .consistentRead(true);
                if (start != null) {
                    scan.exclusiveStartKey(start);
                }
                ScanRequest request = scan.build();
                var page = retries.call("Scan of " + name + " (segment " + segment + ")", () -> client.scan(request));
                for (Map<String, AttributeValue> item : page.items()) {
                    AttributeValue dt = item.get(TrackItems.DT);
                    action.accept(item.get(TrackItems.PARTITION_KEY).s(), item.get(TrackItems.SORT_KEY).s(),
                            dt == null ? "" : dt.s());
                }
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (AwsServiceException e) {
            throw refused("the Scan of " + name, e);
        }
    }

    /** Takes the key and dt of one stored item. */
    @FunctionalInterface
    interface StoredItemConsumer {
        void accept(String artistId, String trackId, String dt);
    }

    /**
     * Writes one batch (at most 25 puts and deletes of distinct keys) until every request is processed. A batch
     * that DynamoDB refuses as invalid is sent again one request at a time, to name the item it refuses.
     */
    void write(List<WriteRequest> batch) {
        try {
            send(batch);
        } catch (AwsServiceException e) {
            if (batch.size() > 1 && isValidation(e)) {
                // one at a time, so that a refusal names its item
                batch.forEach(request -> write(List.of(request)));
                return;
            }
            throw refused(describe(batch), e);
        }
    }

    private void send(List<WriteRequest> batch) {
        AtomicReference<List<WriteRequest>> pending = new AtomicReference<>(batch);
        retries.call("BatchWriteItem of " + batch.size() + " items into " + name,
                () -> client.batchWriteItem(request -> request.requestItems(Map.of(name, pending.get()))),
                answer -> {
                    pending.set(answer.unprocessedItems().getOrDefault(name, List.of()));
                    return pending.get().isEmpty();
                });
    }

    private TableDescription describe() {
        try {
            return retries.call("DescribeTable " + name, () -> client.describeTable(request -> request.tableName(name)))
                    .table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private void create() {
        log.info("creating DynamoDB table {} ({}, on-demand)", name, KEY_SCHEMA_TEXT);
        retries.call("CreateTable " + name, () -> client.createTable(request -> request.tableName(name)
                .keySchema(KEY_SCHEMA)
                .attributeDefinitions(
                        stringAttribute(TrackItems.PARTITION_KEY), stringAttribute(TrackItems.SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        waitUntilActive(client, name);
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

    private static boolean isValidation(AwsServiceException e) {
        return e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }

    private static String describe(List<WriteRequest> batch) {
        String first = describe(batch.get(0));
        return batch.size() == 1 ? first : "a batch of " + batch.size() + " writes, the first " + first;
    }

    private static String describe(WriteRequest request) {
        boolean put = request.putRequest() != null;
        Map<String, AttributeValue> key = put ? request.putRequest().item() : request.deleteRequest().key();
        return (put ? "the put of " : "the delete of ") + "item " + TrackItems.PARTITION_KEY + "="
                + text(key, TrackItems.PARTITION_KEY) + ", " + TrackItems.SORT_KEY + "=" + text(key, TrackItems.SORT_KEY);
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? "(missing)" : value.s();
    }

    /** A service error that retrying cannot fix: refused credentials, a missing table, an invalid item. */
    private TaskException refused(String what, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return TaskException.notRetryable("DynamoDB refused " + what + ": " + code + " (" + message + ")", e);
    }
}
