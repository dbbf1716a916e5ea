package dev.spotifylake.lake;

/** The top-level folders of the lake (docs/architecture.md, "Lake layout"). */
public enum Zone {
    /** What was seen and when: gzip NDJSON as it came. */
    RAW("raw"),
    /** Private to flatten and load: one folder per attempt. */
    STAGING("staging"),
    /** Snappy Parquet partitions that Athena reads. */
    CURATED("curated"),
    /** Raw records that did not fit the schema, with the reason. */
    REJECTS("rejects");

    private final String folder;

    Zone(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
