package dev.spotifylake.extract;

import java.sql.SQLException;

import dev.spotifylake.common.TaskException;

/** Turns a MySQL failure into the task's exit code: refused logins and missing tables are not worth a retry. */
final class SqlFailures {
    private SqlFailures() {
    }

    static TaskException classify(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = what + ": " + e.getMessage();
        // 08: the connection failed or broke; 40: a deadlock or serialization failure; HY: the driver's own trouble.
        if (state.startsWith("08") || state.startsWith("40") || state.startsWith("HY") || state.isEmpty()) {
            return TaskException.retryable(message, e);
        }
        // 28: access denied; 42: unknown database or table, bad SQL.
        return TaskException.notRetryable(message, e);
    }

    /** The JDBC URL without its parameters, which may hold credentials. */
    static String withoutParameters(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }
}
