package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.reccobeats.ReccoBeatsClient;
import dev.spotifylake.reccobeats.TopTracksRanking;

/**
 * Audio features of the dt's top tracks ({@link DayTopTracks}), {@code GET audio-features?ids=...}, from either
 * source; each line's envelope lists the ids asked. Spotify takes 100 ids a call and answers {@code null} for an
 * id it does not know; ReccoBeats takes 40, answers its entries in any order, matched by the Spotify id inside
 * {@code href}, and leaves an id it does not know out. Both are kept verbatim and counted: null entries for
 * Spotify, ids not found for ReccoBeats.
 */
record AudioFeaturesJob(RawPartition topTracks, int callsPerPart, boolean optional, Source source) implements FetchJob {
    /** Spotify's maximum of ids per audio-features call. */
    static final int SPOTIFY_IDS_PER_CALL = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    AudioFeaturesJob {
        requireNonNull(topTracks, "topTracks is null");
        requireNonNull(source, "source is null");
    }

    @Override
    public FetchPlan plan() {
        TreeSet<String> ids = DayTopTracks.trackIds(topTracks);
        CheckedIds checked = CheckedIds.of(ids, "track_id");
        int idsPerCall = source == Source.SPOTIFY ? SPOTIFY_IDS_PER_CALL : ReccoBeatsClient.IDS_PER_REQUEST;
        List<FetchCall> calls = new ArrayList<>();
        for (List<String> batch : checked.batches(idsPerCall)) {
            calls.add(new FetchCall("audio-features?ids=" + String.join(",", batch), Map.of("ids", List.copyOf(batch)),
                    batch.stream().map(id -> Map.<String, Object>of("track_id", id)).toList()));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("track_ids", ids.size());
        return new FetchPlan(Chunk.cut(calls, callsPerPart), checked.invalid(), input);
    }

    @Override
    public Map<String, Long> count(FetchCall request, byte[] body) {
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the client passes only well-formed JSON bodies", e);
        }
        if (source == Source.SPOTIFY) {
            long nulls = 0;
            for (JsonNode entry : answer.path("audio_features")) {
                nulls += entry.isNull() ? 1 : 0;
            }
            return Map.of("audio_features", answer.path("audio_features").size() - nulls, "null_entries", nulls);
        }
        Set<String> asked = new HashSet<>();
        request.subjects().forEach(subject -> asked.add((String) subject.get("track_id")));
        Set<String> found = new HashSet<>();
        for (JsonNode entry : answer.path("content")) {
            TopTracksRanking.spotifyTrackId(entry).filter(asked::contains).ifPresent(found::add);
        }
        return Map.of("audio_features", (long) found.size(), "not_found", (long) (asked.size() - found.size()));
    }

    @Override
    public String refusal(String reason) {
        if (source == Source.RECCOBEATS) {
            return ReccoBeatsRefusal.why(reason);
        }
        return "Spotify answered 403 Forbidden to GET /v1/audio-features (" + reason + "). Since November 2024 "
                + "Spotify serves audio features only to apps in Extended Quota Mode that had it before; new apps and "
                + "apps in Development Mode get 403.";
    }

    @Override
    public TaskException forbidden(String reason) {
        if (source == Source.RECCOBEATS) {
            return ReccoBeatsRefusal.end(reason);
        }
        String explanation = refusal(reason) + " Apply for Extended Quota Mode for this app in the Spotify Developer "
                + "Dashboard, use the credentials of an app that has it, or take audio features from ReccoBeats "
                + "(--source auto or reccobeats).";
        if (optional) {
            return new TaskException(ExitCode.NOTHING_TO_DO, explanation + " Audio features are optional "
                    + "(--optional): skipping them.");
        }
        return TaskException.notRetryable(explanation + " To run the pipeline without audio features, pass "
                + "--optional (the task then exits 99 and Airflow skips what depends on it). A retry cannot help.");
    }
}
