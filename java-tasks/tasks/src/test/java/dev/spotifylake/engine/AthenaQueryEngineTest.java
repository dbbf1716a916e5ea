package dev.spotifylake.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.testing.FakeAthena;
import dev.spotifylake.testing.FakeAthena.State;
import dev.spotifylake.spotify.Backoff;
import dev.spotifylake.testing.FakeTime;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;

class AthenaQueryEngineTest {
    private static final String ALTER = "ALTER TABLE `spotify_lake`.`top_tracks` ADD IF NOT EXISTS PARTITION (dt = '2026-11-20') "
            + "LOCATION 's3://lake/curated/top_tracks/dt=2026-11-20/'";
    private static final AthenaSettings SETTINGS = new AthenaSettings("spotify_lake", "etl",
            Optional.of("s3://athena-results/spotify-lake/"), Duration.ofSeconds(60));

    private final FakeAthena athena = new FakeAthena();
    private final FakeTime time = new FakeTime();

    @AfterEach
    void stopServer() {
        athena.close();
    }

    @Test
    void aStatementIsStartedWithDatabaseWorkgroupOutputLocationAndARequestToken() {
        engine("repair/2026-11-20").execute(ALTER);

        FakeAthena.Request request = athena.requests().get(0);
        assertThat(request.target()).isEqualTo("AmazonAthena.StartQueryExecution");
        assertThat(request.contentType()).startsWith("application/x-amz-json-1.1");
        JsonNode body = request.body();
        assertThat(body.path("QueryString").asText()).isEqualTo(ALTER);
        assertThat(body.path("QueryExecutionContext").path("Database").asText()).isEqualTo("spotify_lake");
        assertThat(body.path("WorkGroup").asText()).isEqualTo("etl");
        assertThat(body.path("ResultConfiguration").path("OutputLocation").asText()).isEqualTo("s3://athena-results/spotify-lake/");
        assertThat(body.path("ClientRequestToken").asText()).hasSizeBetween(32, 128);
    }

    @Test
    void aQueryAnswersItsRowsWithoutAthenasHeaderRowAndEachTimeUnderANewToken() {
        AthenaQueryEngine engine = engine("repair/2026-11-20");
        String query = "SELECT \"$path\" FROM \"spotify_lake\".\"top_tracks\" WHERE dt = '2026-11-20' LIMIT 1";

        assertThat(engine.query(query)).as("no partition yet").isEmpty();
        engine.execute(ALTER);

        assertThat(engine.query(query)).containsExactly(List.of("s3://lake/curated/top_tracks/dt=2026-11-20/part-00000"));
        assertThat(athena.starts()).filteredOn(start -> start.path("QueryString").asText().equals(query))
                .extracting(start -> start.path("ClientRequestToken").asText()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aTableIsReadFromGlueThroughGetTableMetadataAndAnUnknownOneIsAbsent() {
        AthenaQueryEngine engine = engine("repair/2026-11-20");
        engine.execute("CREATE EXTERNAL TABLE IF NOT EXISTS `spotify_lake`.`artists` (\n    artist_id           string,\n"
                + "    followers           bigint\n)\nPARTITIONED BY (dt string)\nSTORED AS PARQUET\nLOCATION 's3://lake/curated/artists/'");

        assertThat(engine.table("artists")).contains(new CatalogTable("s3://lake/curated/artists/",
                List.of(new CatalogTable.Column("artist_id", "string"), new CatalogTable.Column("followers", "bigint"))));
        assertThat(engine.table("top_tracks")).isEmpty();
        assertThat(athena.requests()).filteredOn(request -> request.target().endsWith("GetTableMetadata"))
                .extracting(request -> request.body().path("CatalogName").asText() + "/" + request.body().path("DatabaseName").asText())
                .containsOnly("AwsDataCatalog/spotify_lake");
    }

    @Test
    void theSchemaIsCreatedOutsideAnyDatabaseSinceItMayNotExistYet() {
        engine("repair/2026-11-20").createSchema("CREATE DATABASE IF NOT EXISTS `spotify_lake`");

        assertThat(athena.starts().get(0).has("QueryExecutionContext")).isFalse();
    }

    @Test
    void theOutputLocationIsLeftToTheWorkgroupWhenNoneIsSet() {
        AthenaSettings settings = new AthenaSettings("spotify_lake", "primary", Optional.empty(), Duration.ofSeconds(60));
        new AthenaQueryEngine(client(), settings, "repair/2026-11-20", time, polling()).execute(ALTER);

        assertThat(athena.starts().get(0).has("ResultConfiguration")).isFalse();
    }

    @Test
    void theEnginePollsThroughQueuedAndRunningWithGrowingWaitsUntilTheQuerySucceeds() {
        athena.script(State.of("QUEUED"), State.of("QUEUED"), State.of("RUNNING"), State.of("RUNNING"), State.of("SUCCEEDED"));

        engine("repair/2026-11-20").execute(ALTER);

        assertThat(athena.requests()).extracting(FakeAthena.Request::target).containsExactly(
                "AmazonAthena.StartQueryExecution", "AmazonAthena.GetQueryExecution", "AmazonAthena.GetQueryExecution",
                "AmazonAthena.GetQueryExecution", "AmazonAthena.GetQueryExecution", "AmazonAthena.GetQueryExecution");
        assertThat(athena.requests().get(1).body().path("QueryExecutionId").asText()).isEqualTo("query-0001");
        // waits of 0.1, 0.2, 0.4 and 0.8 s (the fixed jitter takes the top of each range)
        assertThat(time.seconds()).isCloseTo(1.5, offset(0.001));
    }

    @Test
    void aFailedQueryIsNotRetryableAndItsReasonIsInTheError() {
        athena.script(State.of("RUNNING"), State.failed(2, false, "line 1:8: mismatched input 'TABEL'"));

        assertThatThrownBy(() -> engine("repair/2026-11-20").execute(ALTER))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("query-0001 FAILED")
                .hasMessageContaining("mismatched input 'TABEL'");
        assertThat(athena.starts()).hasSize(1);
    }

    @Test
    void aQueryThatFailedForAReasonAthenaCallsRetryableIsStartedAgainUnderTheNextToken() {
        athena.script(State.failed(1, true, "Athena had an internal error")).script(State.of("CANCELLED"));

        engine("repair/2026-11-20").execute(ALTER);

        List<String> tokens = athena.starts().stream().map(start -> start.path("ClientRequestToken").asText()).toList();
        assertThat(tokens).hasSize(3).doesNotHaveDuplicates();
        assertThat(athena.statementsRun()).containsExactly(ALTER, ALTER, ALTER);
    }

    @Test
    void aStatementThatNeverSucceedsGivesUpRetryablyWithTheLastReason() {
        athena.defaultScript(State.of("CANCELLED"));

        assertThatThrownBy(() -> engine("repair/2026-11-20").execute(ALTER))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageContaining("ended without success " + AthenaQueryEngine.MAX_EXECUTIONS + " times")
                .hasMessageContaining("last query query-0005 CANCELLED");
        assertThat(athena.statementsRun()).hasSize(AthenaQueryEngine.MAX_EXECUTIONS);
    }

    @Test
    void aRetriedTaskGetsTheQueriesOfItsEarlierAttemptBackInsteadOfStartingNewOnes() {
        engine("repair/2026-11-20").execute(ALTER);
        engine("repair/2026-11-20").execute(ALTER);

        List<JsonNode> starts = athena.starts();
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).path("ClientRequestToken")).isEqualTo(starts.get(0).path("ClientRequestToken"));
        assertThat(athena.statementsRun()).containsExactly(ALTER);
    }

    @Test
    void aRetriedTaskWalksPastTheFailuresOfItsEarlierAttemptToTheQueryThatSucceeded() {
        athena.script(State.failed(1, true, "internal error")).script(State.of("SUCCEEDED"));
        engine("repair/2026-11-20").execute(ALTER);

        engine("repair/2026-11-20").execute(ALTER);

        assertThat(athena.starts()).hasSize(4);
        assertThat(athena.statementsRun()).hasSize(2);
    }

    @Test
    void anotherDtOrAnotherStatementGetsAnotherToken() {
        engine("repair/2026-11-20").execute(ALTER);
        engine("repair/2026-11-21").execute(ALTER);
        engine("repair/2026-11-20").execute("MSCK REPAIR TABLE `spotify_lake`.`top_tracks`");

        assertThat(athena.starts()).extracting(start -> start.path("ClientRequestToken").asText()).doesNotHaveDuplicates();
    }

    @Test
    void theSdkResendsTheSameTokenWhenAthenaAnswersAServerError() {
        athena.failStarts(500);

        engine("repair/2026-11-20").execute(ALTER);

        List<JsonNode> starts = athena.starts();
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).path("ClientRequestToken")).isEqualTo(starts.get(0).path("ClientRequestToken"));
    }

    @Test
    void aRequestAthenaRefusesIsNotRetryable() {
        athena.failStarts(400);

        assertThatThrownBy(() -> engine("repair/2026-11-20").execute(ALTER))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("HTTP 400");
    }

    @Test
    void throttlingThatOutlastsTheSdkRetriesIsRetryable() {
        athena.failStarts(429, 429, 429);

        assertThatThrownBy(() -> engine("repair/2026-11-20", clientWithoutRetries()).execute(ALTER))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE));
    }

    @Test
    void aQueryStillRunningAtTheTimeoutFailsRetryablyAndIsNotStartedTwice() {
        athena.defaultScript(State.of("RUNNING"));
        AthenaSettings settings = new AthenaSettings("spotify_lake", "etl", Optional.empty(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> new AthenaQueryEngine(client(), settings, "repair/2026-11-20", time, polling()).execute(ALTER))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageContaining("still RUNNING after 5 s");
        assertThat(athena.starts()).hasSize(1);
        assertThat(time.seconds()).isCloseTo(5, offset(0.001));
    }

    @Test
    void anUnreachableEndpointIsRetryable() {
        athena.close();

        assertThatThrownBy(() -> engine("repair/2026-11-20", clientWithoutRetries()).execute(ALTER))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE));
    }

    private AthenaQueryEngine engine(String runKey) {
        return engine(runKey, client());
    }

    private AthenaQueryEngine engine(String runKey, AthenaClient client) {
        return new AthenaQueryEngine(client, SETTINGS, runKey, time, polling());
    }

    /** Waits of 0.1 s doubling up to 1 s; a random of 0.999 takes the whole of each. */
    private static Backoff polling() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999_999_999);
    }

    private AthenaClient client() {
        return builder().build();
    }

    private AthenaClient clientWithoutRetries() {
        return builder().overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
    }

    private software.amazon.awssdk.services.athena.AthenaClientBuilder builder() {
        return AthenaClient.builder()
                .endpointOverride(athena.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
                .httpClient(ApacheHttpClient.builder().build());
    }
}
