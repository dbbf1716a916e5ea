package dev.spotifylake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.testing.Options;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class LakeOptionsTest {
    @Test
    void keysFromTheEnvironmentAreUsedAsTheyAre() {
        AwsCredentials credentials = credentialsOf(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret"));

        assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("AKIAEXAMPLE");
    }

    @Test
    void temporaryKeysGoWithTheirSessionToken() {
        AwsCredentials credentials = credentialsOf(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token"));

        assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class,
                session -> assertThat(session.sessionToken()).isEqualTo("token"));
    }

    private static AwsCredentials credentialsOf(Map<String, String> variables) {
        return Options.parse(new LakeOptions(), variables).credentials().resolveCredentials();
    }
}
