package dev.spotifylake.lake;

import java.time.LocalDate;

/**
 * Object keys of the lake layout, relative to the lake root: {@code <zone>/<dataset>/dt=<D>/<file>}.
 * The one place that knows how the layout is spelled.
 */
public final class LakePaths {
    /** What a raw version could not fetch, and why: beside its part files, in its folder. */
    public static final String FAILURES_FILE = "_failures.json";
    /** A partition's pointer, written last into its folder: the partition is complete once it exists. */
    public static final String MANIFEST_FILE = "_manifest.json";

    private LakePaths() {
    }

    /** The partition folder, ending with a slash: {@code raw/top_tracks/dt=2026-11-20/}. */
    public static String partition(Zone zone, Dataset dataset, LocalDate dt) {
        return zone.folder() + "/" + dataset.folder() + "/dt=" + dt + "/";
    }

    /** A numbered part file name, {@code part-00007.json.gz}: the number keeps a listing in write order. */
    public static String partFile(int number, String extension) {
        return String.format("part-%05d.%s", number, extension);
    }

    /**
     * Where repair records the partition moves it has begun in a catalog schema and readers do not see yet, one
     * object each: {@code _catalog/spotify_lake/moves/}.
     */
    public static String pendingMoves(String schema) {
        return "_catalog/" + schema + "/moves/";
    }

    /** The file name of a key: what follows its last slash. */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
