package dev.spotifylake.repair;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FakeAthena;

class RepairAthenaPartitionsCommandTest {
    private static final Map<String, String> LAKE = Map.of(
            "LAKE_URI", "s3://spotify-lake/prod",
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "test-key",
            "AWS_SECRET_ACCESS_KEY", "test-secret");

    @Test
    void helpNamesTheModesTheEngineOptionsAndTheExitCodes() {
        Cli.run("repair-athena-partitions", "--help").ok()
                .outContains("--mode=add|msck|sync")
                .outContains("--query-engine=athena|trino")
                .outContains("--athena-workgroup")
                .outContains("--trino-url")
                .outContains("99  nothing to do");
    }

    @Test
    void anUnknownModeOrDatasetIsAUsageError() {
        Cli.run(LAKE, "repair-athena-partitions", "--dt", "2026-11-20", "--mode", "full").exitCode(2)
                .errContains("Invalid value for option '--mode': expected one of [add, msck, sync] (any case) but was 'full'");
        Cli.run(LAKE, "repair-athena-partitions", "--dt", "2026-11-20", "--dataset", "tracks").exitCode(2)
                .errContains("expected one of [artists, top_tracks, audio_features, artist_similarity] (any case) but "
                        + "was 'tracks'");
    }

    @Test
    void anUnknownEngineIsAConfigurationError() {
        Cli.run(with("QUERY_ENGINE", "presto"), "repair-athena-partitions", "--dt", "2026-11-20").exitCode(2)
                .errContains("Invalid value for option '--query-engine': expected one of [athena, trino] (any case) but "
                        + "was 'presto'");
    }

    @Test
    void trinoWithoutAUrlIsAConfigurationErrorThatNamesTheVariable() {
        Cli.run(with("QUERY_ENGINE", "trino"), "repair-athena-partitions", "--dt", "2026-11-20").exitCode(2)
                .errContains("set TRINO_URL or pass --trino-url");
    }

    @Test
    void aTrinoUrlWithoutACatalogIsAConfigurationError() {
        Map<String, String> environment = with("QUERY_ENGINE", "trino");
        environment.put("TRINO_URL", "jdbc:trino://127.0.0.1:18080");

        Cli.run(environment, "repair-athena-partitions", "--dt", "2026-11-20").exitCode(2)
                .errContains("TRINO_URL must name the catalog of the lake's tables");
    }

    @Test
    void aDatabaseThatIsNotALowerCaseNameIsAConfigurationErrorOnEitherEngine() {
        for (String engine : List.of("athena", "trino")) {
            Map<String, String> environment = with("QUERY_ENGINE", engine);
            environment.put("TRINO_URL", "jdbc:trino://127.0.0.1:18080/hive");

            Cli.run(environment, "repair-athena-partitions", "--dt", "2026-11-20", "--database", "Lake-2").exitCode(2)
                    .errContains("Invalid value for option '--database': must be a lower-case name of letters, "
                            + "digits and underscores, got 'Lake-2'");
        }
    }

    @Test
    void aFailedAthenaStatementEndsTheTaskWithExit2AndAthenasReason() {
        try (FakeAthena athena = new FakeAthena()) {
            athena.defaultScript(FakeAthena.State.failed(2, false, "Insufficient permissions to execute the query"));

            Cli.run(with("AWS_ENDPOINT_URL_ATHENA", athena.endpoint().toString()), "repair-athena-partitions",
                    "--dt", "2026-11-20", "--mode", "msck").exitCode(2)
                    .errContains("FAILED: Insufficient permissions to execute the query")
                    .errDoesNotContain("test-secret");
        }
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> environment = new HashMap<>(LAKE);
        environment.put(name, value);
        return environment;
    }
}
