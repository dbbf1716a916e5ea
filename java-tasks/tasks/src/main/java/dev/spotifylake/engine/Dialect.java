package dev.spotifylake.engine;

/** The SQL engines the lake is registered in; each keeps its statements under {@code sql/<name>/}. */
public enum Dialect {
    /** Amazon Athena with the Glue catalog, in production. */
    ATHENA("athena"),
    /** Trino with its Hive connector, Athena's engine family, on the local stack. */
    TRINO("trino");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The name users write (QUERY_ENGINE=trino), which is also the folder of its SQL under sql/. */
    public String folder() {
        return folder;
    }

    @Override
    public String toString() {
        return folder;
    }
}
