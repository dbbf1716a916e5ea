package dev.spotifylake;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FreshLake;

/**
 * The one line a task prints when a server refuses it or cannot be reached names what to check next, as an
 * operator reads it in the task's log. The local stack's servers, with one setting broken at a time.
 */
class WhatToDoNextIT {
    private static final String DT = "2026-11-20";
    /** Nothing listens on port 1 of the loopback: a connection there is refused at once. */
    private static final String CLOSED = "127.0.0.1:1";

    @RegisterExtension
    final FreshLake lake = new FreshLake("what-to-do-next");

    @Test
    void s3RefusingTheCredentialsNamesTheSettingsAndThePolicyAndIsNotRetried() {
        Cli.run(with("AWS_SECRET_ACCESS_KEY", "not-the-secret"), "load-s3", "--dt", DT, "--dataset", "artists")
                .exitCode(ExitCode.NOT_RETRYABLE)
                .errContains("HTTP 403")
                .errContains("check LAKE_URI's bucket, the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
                        + "the worker's role) and what they may do (the policy in docs/aws.md)");
    }

    @Test
    void anUnreachableS3NamesItsEndpointSettingAndIsRetried() {
        Cli.run(with("AWS_ENDPOINT_URL", "http://" + CLOSED), "load-s3", "--dt", DT, "--dataset", "artists")
                .exitCode(ExitCode.RETRYABLE)
                .errContains("check AWS_ENDPOINT_URL and the network; locally: make stack-status");
    }

    @Test
    void trinoDownNamesItsUrlSettingAndHowToStartItAndIsRetried() {
        Cli.run(with("TRINO_URL", "jdbc:trino://" + CLOSED + "/hive/spotify_lake"), "repair-athena-partitions", "--dt", DT)
                .exitCode(ExitCode.RETRYABLE)
                .errContains("Trino: cannot reach the server")
                .errContains("check TRINO_URL, and that Trino runs: make stack-status says, make stack-up starts it");
    }

    private Map<String, String> with(String name, String value) {
        Map<String, String> environment = new HashMap<>(lake.environment());
        environment.put(name, value);
        return environment;
    }
}
