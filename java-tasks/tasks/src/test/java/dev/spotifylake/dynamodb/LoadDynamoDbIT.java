package dev.spotifylake.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spotifylake.curated.CuratedPartition;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.ColumnType;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.RawDay;
import dev.spotifylake.testing.SimulatedRaw;
import dev.spotifylake.testing.Options;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** load-dynamodb on the local DynamoDB-API server (dynalite), from curated partitions built on the local S3. */
class LoadDynamoDbIT {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final LocalDate NEXT_DT = DT.plusDays(1);
    private static final int ARTISTS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedRaw simulated = new SimulatedRaw(5, 100);
    private final String table = "it_top_tracks_" + UUID.randomUUID().toString().substring(0, 8);
    @RegisterExtension
    final FreshLake freshLake = new FreshLake("load-dynamodb");
    private final Map<String, String> stack = withTable(freshLake.environment());
    private final LakeConnection lake = Options.parse(new LakeOptions(), stack).connect();
    private final DynamoDbClient dynamoDb = Options.parse(new DynamoDbOptions(), stack)
            .connect(Options.parse(new LakeOptions(), stack));

    @AfterEach
    void cleanUp() {
        try {
            dynamoDb.deleteTable(request -> request.tableName(table));
        } catch (ResourceNotFoundException e) {
            // the test made no table
        }
        dynamoDb.close();
        lake.close();
    }

    @Test
    void theItemsAreTheCuratedRowsWithEachTrackOnceAndItsRankInEveryMarket() {
        publish(DT, topTracks(List.of("US", "SE"), 0));

        String summary = load(DT).summaryLine();

        Map<List<String>, Map<String, AttributeValue>> items = scan();
        Map<List<String>, List<GenericRecord>> rowsByTrack = curatedRowsByTrack(DT);
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(rowsByTrack.keySet());
        assertThat(rowsByTrack.values()).as("tracks in both markets").anyMatch(rows -> rows.size() == 2);
        rowsByTrack.forEach((key, rows) -> {
            Map<String, AttributeValue> item = items.get(key);
            assertThat(item.get("dt").s()).isEqualTo(DT.toString());
            Map<String, String> ranks = new HashMap<>();
            rows.forEach(row -> ranks.put(row.get("market").toString(), row.get("rank").toString()));
            Map<String, String> stored = new HashMap<>();
            item.get("markets").m().forEach((market, rank) -> stored.put(market, rank.n()));
            assertThat(stored).as("markets of %s", key).isEqualTo(ranks);
            for (Column column : CuratedTables.TOP_TRACKS.columns()) {
                if (column.name().equals("market") || column.name().equals("rank")) {
                    continue;
                }
                assertThat(text(item.get(column.name()))).as("%s of %s", column.name(), key)
                        .isEqualTo(expected(column, rows.get(0).get(column.name())));
            }
        });
        assertThat(json(summary).path("items_written").asLong()).isEqualTo(rowsByTrack.size());
    }

    @Test
    void aSecondRunWritesTheSameItemsAndDeletesNothing() {
        publish(DT, topTracks(List.of("US", "SE"), 0));
        load(DT);
        Map<List<String>, Map<String, AttributeValue>> once = scan();

        JsonNode second = json(load(DT).summaryLine());

        assertThat(scan()).isEqualTo(once);
        assertThat(second.path("items_written").asLong()).isEqualTo(once.size());
        assertThat(second.path("items_deleted").asLong()).isZero();
    }

    @Test
    void anOlderDtLoadedAfterANewerOneLeavesTheNewerItems() {
        publish(DT, topTracks(List.of("US", "SE"), 0));
        publish(NEXT_DT, topTracks(List.of("US"), 0));
        load(NEXT_DT);
        Map<List<String>, Map<String, AttributeValue>> newer = scan();

        JsonNode older = json(load(DT).summaryLine());

        assertThat(scan()).isEqualTo(newer);
        assertThat(newer.values()).allMatch(item -> item.get("dt").s().equals(NEXT_DT.toString()));
        assertThat(older.path("artists_skipped_older").asInt()).isEqualTo(ARTISTS);
        assertThat(older.path("items_skipped_older").asLong()).isEqualTo(curatedRowsByTrack(DT).size());
        assertThat(older.path("items_written").asLong()).isZero();
    }

    @Test
    void tracksThatLeftAnArtistsTopTracksAreDeleted() {
        publish(DT, topTracks(List.of("US", "SE"), 0));
        load(DT);
        publish(NEXT_DT, topTracks(List.of("US"), 3));

        JsonNode summary = json(load(NEXT_DT).summaryLine());

        Map<List<String>, Map<String, AttributeValue>> items = scan();
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(curatedRowsByTrack(NEXT_DT).keySet());
        assertThat(items.values()).allMatch(item -> item.get("dt").s().equals(NEXT_DT.toString())
                && item.get("markets").m().keySet().equals(Set.of("US")));
        assertThat(summary.path("items_deleted").asLong()).isEqualTo(curatedRowsByTrack(DT).size() - items.size())
                .isPositive();
    }

    @Test
    void throttledRequestsAreRetriedUntilEveryItemIsWritten() throws Exception {
        publish(DT, topTracks(List.of("US"), 0));
        AtomicInteger puts = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        // of every two PutItem requests, the first is refused as a throttled table refuses it
        try (DynamoDbProxy proxy = new DynamoDbProxy(stack.get("AWS_ENDPOINT_URL_DYNAMODB"), operation -> {
            if (operation.equals("PutItem") && puts.getAndIncrement() % 2 == 0) {
                throttled.incrementAndGet();
                return DynamoDbProxy.throttling();
            }
            return null;
        })) {
            JsonNode summary = json(Cli.run(through(proxy), "load-dynamodb", "--dataset", "top_tracks",
                    "--dt", DT.toString(), "--create-table", "--max-in-flight", "1").ok().summaryLine());

            int tracks = curatedRowsByTrack(DT).size();
            assertThat(scan()).hasSize(tracks);
            assertThat(throttled.get()).isEqualTo(tracks);
            assertThat(summary.path("retries").asLong()).isEqualTo(tracks);
            assertThat(summary.path("items_written").asLong()).isEqualTo(tracks);
        }
    }

    @Test
    void anOlderLoadWhoseWritesArriveAfterANewerLoadLeavesTheNewerItems() throws Exception {
        assertThat(twoLoadsAtOnce(DT, NEXT_DT)).allMatch(item -> item.get("dt").s().equals(NEXT_DT.toString()));
    }

    @Test
    void aNewerLoadWhoseWritesArriveAfterAnOlderLoadDeletesTheOlderItems() throws Exception {
        assertThat(twoLoadsAtOnce(NEXT_DT, DT)).allMatch(item -> item.get("dt").s().equals(NEXT_DT.toString()));
    }

    @Test
    void aClientKilledInTheMiddleOfARequestLeavesTheServerAnswering() throws Exception {
        URI endpoint = URI.create(stack.get("AWS_ENDPOINT_URL_DYNAMODB"));
        for (int kill = 0; kill < 3; kill++) {
            // what a load killed with -9 leaves: a request whose body stops short, and a closed connection
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: " + endpoint.getAuthority()
                        + "\r\nX-Amz-Target: DynamoDB_20120810.BatchWriteItem\r\n"
                        + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 100000\r\n\r\n{\"RequestItems\":")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(200);
            }
            Thread.sleep(200);
            assertThat(dynamoDb.listTables().tableNames()).as("tables listed after kill %d", kill).isNotNull();
        }
    }

    /**
     * Loads {@code held} and {@code free} at once, with the same artists and other tracks: {@code held} reads the
     * table first, then its writes wait until {@code free} is done. Answers the table's items, after
     * checking that they are exactly the newer dt's tracks.
     */
    private Collection<Map<String, AttributeValue>> twoLoadsAtOnce(LocalDate held, LocalDate free) throws Exception {
        publish(DT, topTracks(List.of("US", "SE"), 0));
        publish(NEXT_DT, topTracks(List.of("US"), 3));
        createTable();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch freeDone = new CountDownLatch(1);
        ExecutorService loads = Executors.newSingleThreadExecutor();
        // the held load's writes come after its Scan is complete: the first one tells the test, and waits
        try (DynamoDbProxy proxy = new DynamoDbProxy(stack.get("AWS_ENDPOINT_URL_DYNAMODB"), operation -> {
            if (!operation.equals("DescribeTable") && !operation.equals("Scan")) {
                writing.countDown();
                freeDone.await();
            }
            return null;
        })) {
            Future<Cli> first = loads.submit(() -> Cli.run(through(proxy), "load-dynamodb", "--dataset", "top_tracks",
                    "--dt", held.toString()));
            writing.await();
            Cli.run(stack, "load-dynamodb", "--dataset", "top_tracks", "--dt", free.toString()).ok();
            freeDone.countDown();
            first.get().ok();
        } finally {
            loads.shutdownNow();
        }
        Map<List<String>, Map<String, AttributeValue>> items = scan();
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(curatedRowsByTrack(NEXT_DT).keySet());
        return items.values();
    }

    @Test
    void aTableWithAnotherKeySchemaFailsAtOnceWithExitCode2() {
        publish(DT, topTracks(List.of("US"), 0));
        dynamoDb.createTable(request -> request.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName("track_id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("track_id")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode("PAY_PER_REQUEST"));
        ServingTable.waitUntilActive(dynamoDb, table);

        Cli.run(stack, "load-dynamodb", "--dataset", "top_tracks", "--dt", DT.toString(), "--create-table")
                .exitCode(2)
                .errContains("has the key schema [track_id (HASH)], not artist_id (HASH, S), id (RANGE, S)");

        assertThat(dynamoDb.scan(request -> request.tableName(table)).count()).isZero();
    }

    @Test
    void aMissingTableWithoutCreateTableFailsAtOnceWithExitCode2() {
        publish(DT, topTracks(List.of("US"), 0));

        Cli.run(stack, "load-dynamodb", "--dataset", "top_tracks", "--dt", DT.toString())
                .exitCode(2).errContains("DynamoDB table " + table + " does not exist");
    }

    // ---- helpers

    private Map<String, String> through(DynamoDbProxy proxy) {
        Map<String, String> proxied = new HashMap<>(stack);
        proxied.put("AWS_ENDPOINT_URL_DYNAMODB", proxy.url());
        return proxied;
    }

    private void createTable() {
        dynamoDb.createTable(request -> request.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName("artist_id").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("id").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("artist_id")
                        .attributeType(ScalarAttributeType.S).build(), AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .billingMode("PAY_PER_REQUEST"));
        ServingTable.waitUntilActive(dynamoDb, table);
    }

    private Cli load(LocalDate dt) {
        return Cli.run(stack, "load-dynamodb", "--dataset", "top_tracks", "--dt", dt.toString(), "--create-table").ok();
    }

    /** One raw part of every artist's answer in each market, each answer without its last {@code dropped} tracks. */
    private List<String> topTracks(List<String> markets, int dropped) {
        List<String> lines = new ArrayList<>();
        for (String market : markets) {
            for (String line : simulated.topTracksLines(0, ARTISTS, market)) {
                lines.add(dropped == 0 ? line : withoutLastTracks(line, dropped));
            }
        }
        return lines;
    }

    private static String withoutLastTracks(String line, int dropped) {
        try {
            ObjectNode answer = (ObjectNode) JSON.readTree(line);
            ArrayNode tracks = (ArrayNode) answer.path("body").path("tracks");
            for (int i = 0; i < dropped; i++) {
                tracks.remove(tracks.size() - 1);
            }
            return JSON.writeValueAsString(answer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(LocalDate dt, List<String> lines) {
        RawDay.write(lake.store(), Dataset.TOP_TRACKS, dt, List.of(lines));
        Cli.run(stack, "flatten-to-parquet", "--dataset", "top_tracks", "--dt", dt.toString()).ok();
        Cli.run(stack, "load-s3", "--dataset", "top_tracks", "--dt", dt.toString()).ok();
    }

    /** The published rows of dt by [artist_id, track_id], in the partition's order. */
    private Map<List<String>, List<GenericRecord>> curatedRowsByTrack(LocalDate dt) {
        Map<List<String>, List<GenericRecord>> rows = new LinkedHashMap<>();
        CuratedPartition.published(lake.store(), Dataset.TOP_TRACKS, dt).orElseThrow().forEachRow(row -> rows
                .computeIfAbsent(List.of(row.get("artist_id").toString(), row.get("track_id").toString()),
                        key -> new ArrayList<>())
                .add(row));
        return rows;
    }

    /** The table's items by [artist_id, id]. */
    private Map<List<String>, Map<String, AttributeValue>> scan() {
        Map<List<String>, Map<String, AttributeValue>> items = new HashMap<>();
        dynamoDb.scanPaginator(request -> request.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(List.of(item.get("artist_id").s(), item.get("id").s()), item));
        return items;
    }

    /** An attribute as text, null when absent: what a curated value must become. */
    private static String text(AttributeValue value) {
        if (value == null) {
            return null;
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n() : String.valueOf(value.bool());
    }

    private static String expected(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return column.type() == ColumnType.TIMESTAMP ? Instant.ofEpochMilli((Long) value).toString() : value.toString();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> withTable(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("DYNAMODB_TABLE", table);
        return variables;
    }
}
