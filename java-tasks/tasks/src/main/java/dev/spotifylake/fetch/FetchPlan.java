package dev.spotifylake.fetch;

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
}
