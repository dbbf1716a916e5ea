package dev.spotifylake.dynamodb;

import java.util.Iterator;
import java.util.List;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code load-dynamodb --dataset top_tracks --dt D}: serves the published curated top_tracks partition of dt
 * (read through its manifest) from the DynamoDB table (default {@code top_tracks}; key artist_id, id): one item
 * per artist and track with its rank in each market and the dt, each written on the condition that the table holds
 * no newer dt of it (a bounded number of requests in flight, throttling and server errors retried by the SDK). See
 * {@link TopTracksLoader} for how an older dt never overwrites a newer one, also when two loads run at once, and
 * docs/serving-store.md for the item.
 *
 * <p>Idempotent: a second run for a dt writes the same items and deletes nothing. Exit codes: 0 loaded; 99 no
 * published partition or no rows for dt; 1 DynamoDB kept throttling or failing after the last retry, or the lake
 * is unreachable (a refused connection fails at once); 2 bad options, a missing table (without --create-table) or one with another key schema,
 * refused credentials, an item DynamoDB refuses (the line names its key).
 */
@Command(name = "load-dynamodb",
        header = "Loads top tracks into the DynamoDB table.",
        description = {"Loads the published curated top_tracks partition of dt into the DynamoDB serving table "
                + "(key artist_id, id): one item per artist and track, with its rank in each market and the dt. "
                + "Each artist's tracks no longer in its top tracks are deleted; an artist the table holds from a "
                + "newer dt is skipped.",
                "A second run writes the same items."})
public final class LoadDynamoDbCommand extends TaskCommand {
    @Mixin
    private DynamoDbOptions dynamoDb;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET", completionCandidates = Served.class,
            description = "${COMPLETION-CANDIDATES} (the one dataset served).")
    private Dataset dataset;

    @Option(names = "--create-table",
            description = "Create the table when it is absent (on-demand billing) and wait until it is ACTIVE.")
    private boolean createTable;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "8", converter = AtLeast.One.class,
            description = "PutItem, DeleteItem, Query and Scan requests in flight at once (default: ${DEFAULT-VALUE}).")
    private int maxInFlight;

    /** What the serving store serves. */
    static final class Served implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(Dataset.TOP_TRACKS.folder()).iterator();
        }
    }

    @Override
    protected TaskSummary run() {
        RetryCount retries = new RetryCount();
        try (LakeConnection connection = lake().connect(); DynamoDbClient client = dynamoDb.connect(lake(), retries)) {
            ServingTable table = new ServingTable(client, dynamoDb.table());
            return new TopTracksLoader(connection.store(), table, retries, maxInFlight).load(dt(), createTable);
        }
    }
}
