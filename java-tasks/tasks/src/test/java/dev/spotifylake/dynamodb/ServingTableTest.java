package dev.spotifylake.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.testing.Options;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

class ServingTableTest {
    @Test
    void aPutRefusedAsInvalidFailsWithExitCode2AndNamesTheItem() {
        ServingTable table = new ServingTable(new PuttingClient(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("Item size has exceeded the maximum").build()).build()), "top_tracks");

        assertThatThrownBy(() -> table.putUnlessNewer(item("bad")))
                .isInstanceOfSatisfying(TaskException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("the put of item artist_id=artist, id=bad")
                .hasMessageContaining("ValidationException");
    }

    @Test
    void aPutWhoseConditionFailsIsNotWrittenAndDoesNotFail() {
        ServingTable table = new ServingTable(new PuttingClient(ConditionalCheckFailedException.builder()
                .statusCode(400).message("The conditional request failed").build()), "top_tracks");

        assertThat(table.putUnlessNewer(item("older"))).isFalse();
    }

    @Test
    void aRefusedConnectionFailsAtOnceWithExitCode1AndSaysWhatToDo() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL_DYNAMODB", closed,
                "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret");
        DynamoDbOptions options = Options.parse(new DynamoDbOptions(), environment, "--max-retries", "10");
        RetryCount retries = new RetryCount();

        try (DynamoDbClient client = options.connect(Options.parse(new LakeOptions(), environment), retries)) {
            assertThatThrownBy(() -> new ServingTable(client, "top_tracks").check(true))
                    .isInstanceOfSatisfying(TaskException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                    .hasMessageStartingWith("cannot reach DynamoDB at " + closed + " (connection refused)")
                    .hasMessageContaining("make stack-up");
        }
        assertThat(retries.count()).isZero();
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("artist_id", AttributeValue.fromS("artist"), "id", AttributeValue.fromS(id),
                "dt", AttributeValue.fromS("2026-11-20"));
    }

    /** Answers every PutItem with the same refusal. */
    private record PuttingClient(AwsServiceException refusal) implements DynamoDbClient {
        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            throw refusal;
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
