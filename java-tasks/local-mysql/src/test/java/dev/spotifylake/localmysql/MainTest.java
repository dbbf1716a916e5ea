package dev.spotifylake.localmysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void noSubcommandIsBadUsageAndShowsTheUsage() {
        assertThat(run()).isEqualTo(Main.USAGE);
        assertThat(errors()).startsWith("local-mysql: Missing required subcommand\n").contains("Usage: local-mysql")
                .contains("serve").contains("run-sql");
    }

    @Test
    void anUnknownSubcommandIsBadUsage() {
        assertThat(run("start")).isEqualTo(Main.USAGE);
        assertThat(errors()).startsWith("local-mysql: Unmatched argument at index 0: 'start'");
    }

    @Test
    void aPortThatIsNotANumberIsBadUsage() {
        assertThat(run("serve", "--port", "x", "--state-dir", "state", "--schema-dir", "sql")).isEqualTo(Main.USAGE);
        assertThat(errors()).startsWith("local-mysql: Invalid value for option '--port': 'x' is not an int");
    }

    @Test
    void aMissingOptionIsNamed() {
        assertThat(run("serve", "--port", "13306")).isEqualTo(Main.USAGE);
        assertThat(errors()).startsWith("local-mysql: Missing required options: '--state-dir=DIR', '--schema-dir=DIR'");
    }

    @Test
    void runSqlWithoutTheConnectionSettingsSaysWhereToGetThem() {
        assertThat(run("run-sql", "seed.sql")).isEqualTo(Main.USAGE);
        assertThat(errors()).startsWith("local-mysql: MYSQL_USER is not set (set -a; . .local/stack.env)");
    }

    @Test
    void anErrorLineCarriesTheMessagesOfItsCausesOnce() {
        Exception error = new IOException("could not start", new SQLException("port taken", new IOException("port taken")));

        assertThat(Main.oneLine(error)).isEqualTo("could not start: port taken");
    }

    private int run(String... args) {
        return Main.run(List.of(args), Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
