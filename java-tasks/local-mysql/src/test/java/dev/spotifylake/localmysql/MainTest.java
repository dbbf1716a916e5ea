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
        assertThat(errors()).startsWith("local-mysql: no subcommand given\n").contains("usage: local-mysql serve");
    }

    @Test
    void anUnknownSubcommandIsBadUsage() {
        assertThat(run("start")).isEqualTo(Main.USAGE);
        assertThat(errors()).startsWith("local-mysql: unknown subcommand 'start'");
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
        return Main.run(List.of(args), Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
