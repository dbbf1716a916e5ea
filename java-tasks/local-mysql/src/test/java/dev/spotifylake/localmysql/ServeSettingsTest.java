package dev.spotifylake.localmysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeSettingsTest {

    private static final Map<String, String> ENV = Map.of("MYSQL_PASSWORD", "s3cret");

    @Test
    void defaultsToDatabaseSpotifyAndUserLakeWithThePasswordOfTheEnvironment() {
        ServeSettings settings = ServeSettings.from(arguments("--port", "13306"), ENV);

        assertThat(settings.port()).isEqualTo(13306);
        assertThat(settings.database()).isEqualTo("spotify");
        assertThat(settings.user()).isEqualTo("lake");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.stateDir()).isEqualTo(Path.of("state").toAbsolutePath());
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(ServeSettings.from(arguments("--port", "13306"), ENV).toString())
                .contains("password=***")
                .doesNotContain("s3cret");
    }

    @Test
    void refusesToStartWithoutAPassword() {
        assertThatThrownBy(() -> ServeSettings.from(arguments("--port", "13306"), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("MYSQL_PASSWORD is not set");
    }

    @Test
    void refusesAPortOutOfRangeOrNotANumber() {
        assertThatThrownBy(() -> ServeSettings.from(arguments("--port", "70000"), ENV))
                .hasMessage("--port must be between 1 and 65535, got 70000");
        assertThatThrownBy(() -> ServeSettings.from(arguments("--port", "x"), ENV))
                .hasMessage("--port must be a number, got 'x'");
    }

    @Test
    void refusesNamesThatWouldNeedQuotingInSql() {
        assertThatThrownBy(() -> ServeSettings.from(arguments("--port", "1", "--user", "la'ke"), ENV))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--user must be 1-32 letters, digits or underscores");
    }

    private static Arguments arguments(String... options) {
        List<String> all = new java.util.ArrayList<>(List.of("--state-dir", "state", "--schema-dir", "sql"));
        all.addAll(List.of(options));
        return Arguments.parse(all);
    }
}
