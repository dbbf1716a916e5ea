package dev.spotifylake.localmysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeSettingsTest {

    private static final Map<String, String> ENV = Map.of("MYSQL_PASSWORD", "s3cret");

    @Test
    void defaultsToDatabaseSpotifyAndUserLakeWithThePasswordOfTheEnvironment() {
        ServeSettings settings = settings(13306, "lake", ENV);

        assertThat(settings.port()).isEqualTo(13306);
        assertThat(settings.database()).isEqualTo("spotify");
        assertThat(settings.user()).isEqualTo("lake");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.stateDir()).isEqualTo(Path.of("state").toAbsolutePath());
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(settings(13306, "lake", ENV).toString())
                .contains("password=***")
                .doesNotContain("s3cret");
    }

    @Test
    void refusesToStartWithoutAPassword() {
        assertThatThrownBy(() -> settings(13306, "lake", Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("MYSQL_PASSWORD is not set");
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> settings(70000, "lake", ENV))
                .hasMessage("--port must be between 1 and 65535, got 70000");
    }

    @Test
    void refusesNamesThatWouldNeedQuotingInSql() {
        assertThatThrownBy(() -> settings(1, "la'ke", ENV))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--user must be 1-32 letters, digits or underscores");
    }

    private static ServeSettings settings(int port, String user, Map<String, String> env) {
        return ServeSettings.of(port, Path.of("state"), Path.of("sql"), "spotify", user, env);
    }
}
