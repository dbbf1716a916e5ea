package dev.spotifylake.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.testing.LocalStack;
import dev.spotifylake.testing.TestDatabase;
import dev.spotifylake.testing.Options;

/** The local MySQL-compatible server is real: the tasks' own connection (mysql-connector-j) reads rows from it. */
class MysqlOptionsIT {
    private final Map<String, String> stack = LocalStack.environment();

    @Test
    void rowsWrittenToTheLocalMysqlAreReadBackThroughTheTasksConnection() throws Exception {
        try (TestDatabase database = TestDatabase.create(stack, "mysql")) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO artists (id, name, followers) VALUES "
                        + "('0TnOYISbd1XYRBk9myaseg', 'Pitbull', 10300000), ('1vCWHaC5f2uS3yhpwWbIA6', 'Avicii – Live', NULL)");
            }

            List<String> rows = new ArrayList<>();
            MysqlOptions mysql = Options.parse(new MysqlOptions(), database.environment(stack));
            try (Connection connection = mysql.connect(); Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT id, name, followers FROM artists ORDER BY id")) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getObject(3));
                }
            }

            assertThat(rows).containsExactly("0TnOYISbd1XYRBk9myaseg Pitbull 10300000", "1vCWHaC5f2uS3yhpwWbIA6 Avicii – Live null");
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndCannotBeFixedByARetry() {
        Map<String, String> wrongPassword = new HashMap<>(stack);
        wrongPassword.put("MYSQL_PASSWORD", "not-the-password");

        assertThatThrownBy(() -> Options.parse(new MysqlOptions(), wrongPassword).connect().close())
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageNotContaining("not-the-password");
    }
}
