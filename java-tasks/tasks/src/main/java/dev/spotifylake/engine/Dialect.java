package dev.spotifylake.engine;

import java.util.Locale;

/** The SQL engines the lake is registered in; each keeps its statements under {@code sql/<name>/}. */
public enum Dialect {
    /** Amazon Athena with the Glue catalog, in production. */
    ATHENA,
    /** Trino with its Hive connector, Athena's engine family, on the local stack. */
    TRINO;

    /** The name users write (QUERY_ENGINE=trino), which is also the folder of its SQL under sql/. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return folder();
    }
}
