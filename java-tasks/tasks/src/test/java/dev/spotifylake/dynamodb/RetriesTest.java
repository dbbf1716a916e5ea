package dev.spotifylake.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.spotify.Backoff;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class RetriesTest {
    private final Retries retries = new Retries(new Backoff(Duration.ofNanos(1), Duration.ofNanos(10), () -> 0.5), 3);
    private final AtomicInteger sent = new AtomicInteger();

    @Test
    void anIncompleteAnswerIsSentAgainUntilItIsCompleteAndEachRetryIsCounted() {
        int answer = retries.call("BatchWriteItem", sent::incrementAndGet, count -> count == 3);

        assertThat(answer).isEqualTo(3);
        assertThat(retries.count()).isEqualTo(2);
    }

    @Test
    void throttlingAndServerErrorsAreRetried() {
        int answer = retries.call("Query", () -> switch (sent.incrementAndGet()) {
            case 1 -> throw error("ThrottlingException", 400);
            case 2 -> throw error("InternalServerError", 500);
            default -> sent.get();
        });

        assertThat(answer).isEqualTo(3);
        assertThat(retries.count()).isEqualTo(2);
    }

    @Test
    void aRequestStillThrottledAfterTheLastRetryFailsTheTaskAsRetryable() {
        assertThatThrownBy(() -> retries.call("BatchWriteItem of 25 items", () -> {
            sent.incrementAndGet();
            throw error("ProvisionedThroughputExceededException", 400);
        }))
                .isInstanceOfSatisfying(TaskException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageContaining("BatchWriteItem of 25 items was not through after 3 retries")
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThat(sent).hasValue(4);
    }

    @Test
    void aValidationErrorIsNotRetried() {
        assertThatThrownBy(() -> retries.call("BatchWriteItem", () -> {
            sent.incrementAndGet();
            throw error("ValidationException", 400);
        })).isInstanceOf(DynamoDbException.class);
        assertThat(sent).hasValue(1);
        assertThat(retries.count()).isZero();
    }

    private static AwsServiceException error(String code, int status) {
        return DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
