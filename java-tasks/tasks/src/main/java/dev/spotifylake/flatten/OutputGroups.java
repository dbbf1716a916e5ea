package dev.spotifylake.flatten;

import java.util.ArrayList;
import java.util.List;

import dev.spotifylake.lake.StoredObject;

/**
 * Cuts the raw part files of a day into consecutive groups of about equal bytes, one per flattening thread. Each
 * group is read in order by one thread into its own Parquet files, so the output depends on the input alone, not
 * on how the threads were scheduled.
 */
final class OutputGroups {
    /** One thread's share: its number and its raw part files, in order. */
    record Group(int number, List<StoredObject> parts) {
    }

    private OutputGroups() {
    }

    static List<Group> cut(List<StoredObject> parts, int threads) {
        int groups = Math.max(1, Math.min(threads, parts.size()));
        long total = Math.max(1, parts.stream().mapToLong(part -> Math.max(1, part.size())).sum());
        List<List<StoredObject>> cut = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            cut.add(new ArrayList<>());
        }
        long before = 0;
        for (StoredObject part : parts) {
            long size = Math.max(1, part.size());
            // a part goes to the group its middle byte falls in: groups stay consecutive and balanced
            int group = (int) Math.min(groups - 1, (before + size / 2) * groups / total);
            cut.get(group).add(part);
            before += size;
        }
        List<Group> result = new ArrayList<>();
        for (List<StoredObject> group : cut) {
            if (!group.isEmpty()) {
                result.add(new Group(result.size(), List.copyOf(group)));
            }
        }
        return result;
    }
}
