package dev.spotifylake.localmysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void optionsTakeTheNextArgumentAndTheRestArePositional() {
        Arguments arguments = Arguments.parse(List.of("a.sql", "--port", "13306", "b.sql"));

        assertThat(arguments.required("port")).isEqualTo("13306");
        assertThat(arguments.optional("user")).isEmpty();
        assertThat(arguments.positionals()).containsExactly("a.sql", "b.sql");
    }

    @Test
    void anOptionWithoutValueIsAUsageError() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--port")))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --port needs a value");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        Arguments arguments = Arguments.parse(List.of());

        assertThatThrownBy(() -> arguments.required("state-dir"))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --state-dir is required");
    }
}
