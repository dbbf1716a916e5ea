package dev.spotifylake.repair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a repair did, table by table, in the order it did it: the body of the task's summary line. */
public final class RepairReport {
    private final List<Map<String, Object>> registered = new ArrayList<>();
    private final List<Map<String, Object>> repaired = new ArrayList<>();
    private final List<Map<String, Object>> skipped = new ArrayList<>();

    void registered(LakeTable table, String location, long millis) {
        registered.add(entry("table", table.name(), "location", location, "millis", millis));
    }

    void repaired(LakeTable table, long millis) {
        repaired.add(entry("table", table.name(), "millis", millis));
    }

    void skipped(String kind, Object name, String reason) {
        skipped.add(entry(kind, name.toString(), "reason", reason));
    }

    /** True when no partition was registered nor any table repaired: the lake had nothing for this dt. */
    public boolean nothingDone() {
        return registered.isEmpty() && repaired.isEmpty();
    }

    /** Partitions registered: table, location and the milliseconds its statement took. */
    public List<Map<String, Object>> registered() {
        return List.copyOf(registered);
    }

    /** Tables fully repaired (--mode msck|sync), with the milliseconds each took. */
    public List<Map<String, Object>> repaired() {
        return List.copyOf(repaired);
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
