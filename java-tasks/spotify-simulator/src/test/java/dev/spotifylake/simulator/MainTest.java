package dev.spotifylake.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("serve", "mysql-seed", "Exit codes:", "2   bad arguments");
    }

    @Test
    void serveHelpNamesEveryBehaviourOption() {
        assertThat(run("serve", "--help")).isZero();

        assertThat(out.toString()).contains("--rate-limit", "--latency-ms", "--error-rate", "--drop-rate",
                "--token-lifetime-s", "--forbidden", "--seed", "--artists", "--client-id");
    }

    @Test
    void mysqlSeedWritesSqlToStdout() {
        assertThat(run("mysql-seed", "--seed", "42", "--artists", "5")).isZero();

        assertThat(out.toString()).startsWith("-- spotify-lake MySQL seed").contains("INSERT INTO artists ");
    }

    @Test
    void mysqlSeedWritesTheSameSqlToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("seed.sql");
        run("mysql-seed", "--artists", "5");
        String stdout = out.toString();

        assertThat(run("mysql-seed", "--artists", "5", "--out", file.toString())).isZero();

        assertThat(Files.readString(file)).isEqualTo(stdout);
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(run("serve", "--rate-limit", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("rate_limit must be at least 0");
        assertThat(run("serve", "--forbidden", "playlists")).isEqualTo(2);
        assertThat(run("mysql-seed", "--artists", "many")).isEqualTo(2);
    }

    @Test
    void aTakenPortIsAOneLineErrorWithExitOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("serve", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
        }

        assertThat(err.toString()).startsWith("spotify-simulator: cannot listen on 127.0.0.1:")
                .doesNotContain("\tat ");
    }
}
