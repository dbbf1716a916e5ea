package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.spotify.ApiResponse;
import dev.spotifylake.spotify.SpotifyId;

/**
 * Audio features of every distinct track in the dt's top-tracks answers (raw/top_tracks/dt=D/), up to 100 ids a
 * call: {@code GET /v1/audio-features?ids=...}. Spotify answers {@code null} for an id it does not know: such
 * entries are kept in the raw body and counted.
 */
final class AudioFeaturesJob implements FetchJob {
    /** Spotify's maximum of ids per audio-features call. */
    static final int IDS_PER_CALL = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RawPartition topTracks;
    private final int callsPerPart;
    private final boolean optional;

    AudioFeaturesJob(RawPartition topTracks, int callsPerPart, boolean optional) {
        this.topTracks = requireNonNull(topTracks, "topTracks is null");
        this.callsPerPart = callsPerPart;
        this.optional = optional;
    }

    @Override
    public Dataset dataset() {
        return Dataset.AUDIO_FEATURES;
    }

    @Override
    public FetchPlan plan() {
        if (topTracks.current().isEmpty()) {
            throw TaskException.notRetryable(topTracks.location() + " is not complete (no " + LakePaths.MANIFEST_FILE
                    + "): run fetch-tracks-raw-json for dt=" + topTracks.dt() + " first");
        }
        TreeSet<String> ids = new TreeSet<>();
        topTracks.forEachLine(line -> {
            for (JsonNode track : line.path("body").path("tracks")) {
                if (track.hasNonNull("id")) {
                    ids.add(track.get("id").asText());
                }
            }
        });
        List<String> valid = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (String id : ids) {
            if (SpotifyId.isValid(id)) {
                valid.add(id);
            } else {
                invalid.add(Failures.of(Map.of("track_id", id), null, Failures.INVALID_ID));
            }
        }
        List<FetchCall> calls = new ArrayList<>();
        for (int from = 0; from < valid.size(); from += IDS_PER_CALL) {
            List<String> batch = valid.subList(from, Math.min(from + IDS_PER_CALL, valid.size()));
            calls.add(new FetchCall("audio-features?ids=" + String.join(",", batch), Map.of("ids", List.copyOf(batch)),
                    batch.stream().map(id -> Map.<String, Object>of("track_id", id)).toList()));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("track_ids", ids.size());
        return new FetchPlan(Chunk.cut(calls, callsPerPart), invalid, input);
    }

    @Override
    public Map<String, Long> count(byte[] body) {
        try {
            long features = 0;
            long nulls = 0;
            for (JsonNode entry : MAPPER.readTree(body).path("audio_features")) {
                if (entry.isNull()) {
                    nulls++;
                } else {
                    features++;
                }
            }
            return Map.of("audio_features", features, "null_entries", nulls);
        } catch (IOException e) {
            throw new IllegalStateException("the client passes only well-formed JSON bodies", e);
        }
    }

    @Override
    public TaskException forbidden(ApiResponse response) {
        String explanation = "Spotify answered 403 Forbidden to GET /v1/audio-features (" + ChunkedFetcher.reason(response)
                + "). Since November 2024 Spotify serves audio features only to apps in Extended Quota Mode; new "
                + "apps and apps in Development Mode get 403. Apply for Extended Quota Mode for this app in the "
                + "Spotify Developer Dashboard, or use the credentials of an app that has it.";
        if (optional) {
            return new TaskException(ExitCode.NOTHING_TO_DO, explanation + " Audio features are optional "
                    + "(--optional): skipping them.");
        }
        return TaskException.notRetryable(explanation + " To run the pipeline without audio features, pass "
                + "--optional (the task then exits 99 and Airflow skips what depends on it). A retry cannot help.");
    }
}
