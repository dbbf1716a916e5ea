package dev.spotifylake.extract;

import java.io.IOException;
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

    /** The connection failed before any answer: a server down, a wrong host or port, a firewall. */
    static boolean isUnreachable(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08") && rootCauseOf(e) instanceof IOException;
    }

    /** The innermost cause, as {@code ConnectException: Connection refused}: the driver's own text spans lines. */
    static String rootCause(Throwable e) {
        Throwable root = rootCauseOf(e);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse(""));
    }

    private static Throwable rootCauseOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The JDBC URL without its parameters, which may hold credentials. */
    static String withoutParameters(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }
}
