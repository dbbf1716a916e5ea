package dev.spotifylake.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.spotify.Backoff;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class ServingTableTest {
    private final RefusingClient client = new RefusingClient("bad");
    private final ServingTable table = new ServingTable(client, "top_tracks",
            new Retries(new Backoff(Duration.ofNanos(1), Duration.ofNanos(10), () -> 0.5), 3));

    @Test
    void aBatchRefusedAsInvalidIsSentOneItemAtATimeAndTheFailureNamesTheRefusedItem() {
        assertThatThrownBy(() -> table.write(List.of(put("good-1"), put("bad"), put("good-2"))))
                .isInstanceOfSatisfying(TaskException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("the put of item artist_id=artist, id=bad")
                .hasMessageContaining("ValidationException");
        assertThat(client.written).containsExactly("good-1");
    }

    @Test
    void aValidBatchIsWrittenInOneRequest() {
        table.write(List.of(put("good-1"), put("good-2")));

        assertThat(client.requests).isEqualTo(1);
        assertThat(client.written).containsExactly("good-1", "good-2");
    }

    private static WriteRequest put(String id) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(TrackItems.key("artist", id)).build())
                .build();
    }

    /** Refuses, as DynamoDB does, a whole batch that holds an invalid item; writes the others. */
    private static final class RefusingClient implements DynamoDbClient {
        private final String invalidId;
        private final List<String> written = new ArrayList<>();
        private int requests;

        RefusingClient(String invalidId) {
            this.invalidId = invalidId;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            requests++;
            List<String> ids = request.requestItems().values().stream().flatMap(List::stream)
                    .map(write -> write.putRequest().item().get(TrackItems.SORT_KEY)).map(AttributeValue::s).toList();
            if (ids.contains(invalidId)) {
                throw DynamoDbException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ValidationException").errorMessage("Item size has exceeded the maximum").build())
                        .build();
            }
            written.addAll(ids);
            return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
            // holds no connection
        }
    }
}
