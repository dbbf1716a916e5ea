package dev.spotifylake.localmysql;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** What {@code serve} needs: where the server lives, what it listens on, and who may log in. */
record ServeSettings(int port, Path stateDir, Path schemaDir, String database, String user, String password) {

    /** Names go into SQL as identifiers: keep them to characters that need no quoting. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");

    static ServeSettings of(int port, Path stateDir, Path schemaDir, String database, String user,
            Map<String, String> env) {
        String password = env.get("MYSQL_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new UsageException("MYSQL_PASSWORD is not set: the password of the database user comes from the environment");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("--port must be between 1 and 65535, got " + port);
        }
        return new ServeSettings(port, stateDir.toAbsolutePath(), schemaDir.toAbsolutePath(),
                plainName("database", database), plainName("user", user), password);
    }

    @Override
    public String toString() {
        return "ServeSettings[port=%d, stateDir=%s, schemaDir=%s, database=%s, user=%s, password=***]"
                .formatted(port, stateDir, schemaDir, database, user);
    }

    private static String plainName(String option, String value) {
        if (!PLAIN_NAME.matcher(value).matches()) {
            throw new UsageException("--" + option + " must be 1-32 letters, digits or underscores, got '" + value + "'");
        }
        return value;
    }
}
