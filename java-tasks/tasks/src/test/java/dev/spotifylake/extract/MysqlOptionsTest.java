package dev.spotifylake.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.testing.Options;

/** What a wrong MySQL setting says, with no server needed: the exit code and the one line. */
class MysqlOptionsTest {

    @Test
    void aJdbcUrlThatIsNotMysqlsIsAConfigurationError() {
        MysqlOptions mysql = options("jdbc:postgresql://db.example.com:5432/spotify?password=hidden");

        assertThatThrownBy(mysql::connect)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessage("MYSQL_JDBC_URL (or --mysql-jdbc-url) must be a MySQL JDBC URL such as "
                        + "jdbc:mysql://host:3306/spotify, got 'jdbc:postgresql://db.example.com:5432/spotify'");
    }

    @Test
    void anUnreachableServerIsOneLineWithItsHostAndPortAndMayBeRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MysqlOptions mysql = options("jdbc:mysql://127.0.0.1:" + closedPort + "/spotify");

        assertThatThrownBy(mysql::connect)
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE))
                .hasMessageStartingWith("cannot reach MySQL at 127.0.0.1:" + closedPort + " (ConnectException")
                .hasMessageEndingWith("check that the server runs and that MYSQL_JDBC_URL names its host and port, "
                        + "and that this worker may connect to it (firewall, security group)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aUrlWithoutAPortNamesMysqlsOwn() {
        MysqlOptions mysql = options("jdbc:mysql://mysql.invalid/spotify");

        assertThatThrownBy(mysql::connect).hasMessageStartingWith("cannot reach MySQL at mysql.invalid:3306 (");
    }

    private static MysqlOptions options(String url) {
        return Options.parse(new MysqlOptions(), Map.of("MYSQL_JDBC_URL", url, "MYSQL_USER", "lake", "MYSQL_PASSWORD", "secret"));
    }
}
