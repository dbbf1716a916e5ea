package dev.spotifylake.fetch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fetch will ask for: the calls cut into chunks, the failures known before any request (invalid ids),
 * and what it read as input, for the summary ({@code {"artists": 10000, "markets": ["US"]}}).
 */
record FetchPlan(List<Chunk> chunks, List<Map<String, Object>> failuresUpFront, Map<String, Object> input) {
    FetchPlan {
        chunks = List.copyOf(chunks);
        failuresUpFront = List.copyOf(failuresUpFront);
        input = Map.copyOf(input);
    }

    int calls() {
        return chunks.stream().mapToInt(chunk -> chunk.calls().size()).sum();
    }

    /** The number the first chunk of a stage after this one takes. */
    int nextChunkNumber() {
        return chunks.stream().mapToInt(Chunk::number).max().orElse(-1) + 1;
    }

    /** This plan and a next stage's, as one: what the manifest and summary describe. */
    FetchPlan and(FetchPlan next) {
        List<Chunk> allChunks = new ArrayList<>(chunks);
        allChunks.addAll(next.chunks);
        List<Map<String, Object>> allFailures = new ArrayList<>(failuresUpFront);
        allFailures.addAll(next.failuresUpFront);
        Map<String, Object> allInput = new LinkedHashMap<>(input);
        allInput.putAll(next.input);
        return new FetchPlan(allChunks, allFailures, allInput);
    }
}
