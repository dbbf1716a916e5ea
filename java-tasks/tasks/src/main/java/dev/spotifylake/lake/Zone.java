package dev.spotifylake.lake;

import java.util.Locale;

/** The top-level folders of the lake (docs/architecture.md, "Lake layout"). */
public enum Zone {
    /** What was seen and when: gzip NDJSON as it came. */
    RAW,
    /** Private to flatten and load: one folder per attempt. */
    STAGING,
    /** Snappy Parquet partitions that Athena reads. */
    CURATED,
    /** Raw records that did not fit the schema, with the reason. */
    REJECTS;

    /** The zone's folder: its name in lower case. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
