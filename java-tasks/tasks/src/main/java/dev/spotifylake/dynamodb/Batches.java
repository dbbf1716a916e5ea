package dev.spotifylake.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Gathers puts and deletes into BatchWriteItem requests of 25 (DynamoDB's limit) and sends each through the
 * bounded requests; counts what was written and deleted once DynamoDB has processed it.
 */
final class Batches {
    static final int BATCH_SIZE = 25;
    private static final Logger log = LoggerFactory.getLogger(Batches.class);
    private static final long PROGRESS_EVERY = 10_000;

    private final ServingTable table;
    private final BoundedRequests requests;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);

    Batches(ServingTable table, BoundedRequests requests) {
        this.table = requireNonNull(table, "table is null");
        this.requests = requireNonNull(requests, "requests is null");
    }

    void put(Map<String, AttributeValue> item) {
        add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }

    void delete(Map<String, AttributeValue> key) {
        add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
    }

    /** Sends what is gathered and waits until every batch is processed. */
    void flush() {
        if (!batch.isEmpty()) {
            send();
        }
        requests.awaitAll();
    }

    long written() {
        return written.get();
    }

    long deleted() {
        return deleted.get();
    }

    private void add(WriteRequest request) {
        batch.add(request);
        if (batch.size() == BATCH_SIZE) {
            send();
        }
    }

    private void send() {
        List<WriteRequest> full = batch;
        batch = new ArrayList<>(BATCH_SIZE);
        requests.submit(() -> {
            table.write(full);
            long puts = full.stream().filter(request -> request.putRequest() != null).count();
            deleted.addAndGet(full.size() - puts);
            long total = written.addAndGet(puts);
            if (puts > 0 && total / PROGRESS_EVERY != (total - puts) / PROGRESS_EVERY) {
                log.info("{} items written into {}", total, table.name());
            }
        });
    }
}
