package dev.spotifylake.repair;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/** What a repair did, table by table, in the order it did it: the body of the task's summary line. */
public final class RepairReport {
    private final List<Map<String, Object>> registered = new ArrayList<>();
    private final List<Map<String, Object>> columnsAdded = new ArrayList<>();
    private final List<Map<String, Object>> deleted = new ArrayList<>();
    private final List<Map<String, Object>> skipped = new ArrayList<>();
    private final List<Map<String, Object>> movesFinished = new ArrayList<>();

    /**
     * @param action registered, moved (it was registered at another folder) or unchanged
     * @param location the folder the catalog reads after the run, as read back from it; null when it reads no file
     * @param before the folder it read before the run; null when none
     */
    void registered(LakeTable table, LocalDate dt, String action, Optional<String> location, Optional<String> before,
            long millis) {
        registered.add(entry("table", table.name(), "dt", dt.toString(), "action", action, "location", location.orElse(null),
                "before", before.orElse(null), "millis", millis));
    }

    void columnsAdded(LakeTable table, List<String> columns) {
        columnsAdded.add(entry("table", table.name(), "columns", List.copyOf(columns)));
    }

    void deleted(LakeTable table, LocalDate dt, List<String> versions) {
        deleted.add(entry("table", table.name(), "dt", dt.toString(), "versions", List.copyOf(versions)));
    }

    void moveFinished(PartitionMoves.Move move) {
        movesFinished.add(entry("table", move.table(), "dt", move.dt(), "location", move.location()));
    }

    void skipped(String kind, Object name, String reason) {
        skipped.add(entry(kind, name.toString(), "reason", reason));
    }

    /** True when no partition was registered or checked: the lake had nothing for this dt. */
    public boolean nothingDone() {
        return registered.isEmpty();
    }

    /** Partitions registered, moved or found in place: table, dt, what the catalog reads now and read before. */
    public List<Map<String, Object>> registered() {
        return List.copyOf(registered);
    }

    /** Declared columns appended to catalog tables made before them. */
    public List<Map<String, Object>> columnsAdded() {
        return List.copyOf(columnsAdded);
    }

    /** Retired versions deleted after the grace period. */
    public List<Map<String, Object>> deleted() {
        return List.copyOf(deleted);
    }

    /** The moves of killed runs this run finished first: table, dt and the folder they moved the partition to. */
    public List<Map<String, Object>> movesFinished() {
        return List.copyOf(movesFinished);
    }

    /** Datasets or tables left alone, and why. */
    public List<Map<String, Object>> skipped() {
        return List.copyOf(skipped);
    }

    private static Map<String, Object> entry(Object... namesAndValues) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            entry.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return entry;
    }
}
