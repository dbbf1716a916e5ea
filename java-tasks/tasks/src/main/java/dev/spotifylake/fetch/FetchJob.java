package dev.spotifylake.fetch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.TaskException;

/** What differs between the fetch tasks: their source, input, calls and how they read an answer. */
interface FetchJob {
    /** The lines a finished stage left in the version, as written: envelope and body. */
    @FunctionalInterface
    interface StageLines {
        void forEach(Consumer<JsonNode> line);
    }

    /** The API asked; a version of the partition holds the answers of one source only. */
    Source source();

    /** Reads the input of the dt and plans the calls; fails (exit 2) when the input is not complete. */
    FetchPlan plan();

    /**
     * The stage after {@code done}, planned from the answers it left (ReccoBeats' artist pages need the artists'
     * ReccoBeats ids, which the stage before looks up), its chunks numbered after done's; empty when done was the
     * last. Must plan the same from the same lines, so a killed run resumes it like the first stage.
     */
    default Optional<FetchPlan> nextStage(FetchPlan done, StageLines answers) {
        return Optional.empty();
    }

    /**
     * The requests an answer leads to within the same call, e.g. an artist's other pages after the first. A call is
     * kept whole or failed whole: its answers are written only once every one of its requests is answered.
     */
    default List<FetchCall> followUps(FetchCall request, byte[] body) {
        return List.of();
    }

    /** Counts of one 200 answer to {@code request} for the manifest and summary, e.g. {@code {"tracks": 10}}. */
    Map<String, Long> count(FetchCall request, byte[] body);

    /** What a 403 to this endpoint means, for the log: what was refused and why, given the API's reason. */
    String refusal(String reason);

    /** The task's end after a 403: {@link #refusal} and what the user can do. */
    TaskException forbidden(String reason);
}
