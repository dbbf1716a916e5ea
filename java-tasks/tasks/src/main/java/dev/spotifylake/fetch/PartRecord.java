package dev.spotifylake.fetch;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one chunk of a fetch left in the lake, stored in the version being written as
 * {@code _progress/part-NNNNN.json} once its part file is uploaded: a re-run resuming that version skips chunks
 * that have one. Gathered into {@code _manifest.json} when the partition is
 * complete.
 *
 * @param part the part file, or null when every call of the chunk failed (no data, only failures)
 * @param fingerprint of the chunk's calls, so a record of a differently cut run is not taken for this chunk
 * @param lines 200 answers written to the part
 * @param failures what the chunk could not fetch, as in {@code _failures.json}
 * @param fetchedAtFirst the earliest fetched_at of its lines, null when it has none
 * @param fetchedAtLast the latest fetched_at of its lines
 * @param counts what its answers held, e.g. {@code {"tracks": 4980}}
 */
record PartRecord(int number, String part, String fingerprint, int calls, long lines,
        List<Map<String, Object>> failures,
        @JsonProperty("fetched_at_first") String fetchedAtFirst,
        @JsonProperty("fetched_at_last") String fetchedAtLast,
        Map<String, Long> counts) {

    static String fileName(int number) {
        return String.format("_progress/part-%05d.json", number);
    }
}
