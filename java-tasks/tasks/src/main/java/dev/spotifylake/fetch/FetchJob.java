package dev.spotifylake.fetch;

import java.util.Map;

import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.spotify.ApiResponse;

/** What differs between the fetch tasks: their input, their calls and how they read an answer. */
interface FetchJob {
    /** The raw dataset written. */
    Dataset dataset();

    /** Reads the input of the dt and plans the calls; fails (exit 2) when the input is not complete. */
    FetchPlan plan();

    /** Counts of one 200 answer for the manifest and summary, e.g. {@code {"tracks": 10}}. */
    Map<String, Long> count(byte[] body);

    /** What a 403 means for this endpoint and what the user can do: the task ends with this. */
    TaskException forbidden(ApiResponse response);
}
