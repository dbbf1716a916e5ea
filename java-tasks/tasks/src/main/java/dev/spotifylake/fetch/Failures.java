package dev.spotifylake.fetch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Failure records of {@code _failures.json}: the subject's fields, the HTTP status (null if none) and why. */
final class Failures {
    static final String INVALID_ID = "invalid Spotify id: not 22 base-62 characters; no request was sent";

    private Failures() {
    }

    static Map<String, Object> of(Map<String, Object> subject, Integer status, String reason) {
        Map<String, Object> failure = new LinkedHashMap<>(subject);
        failure.put("status", status);
        failure.put("reason", reason);
        return failure;
    }

    /** One record per subject of a call that failed. */
    static List<Map<String, Object>> of(FetchCall call, Integer status, String reason) {
        List<Map<String, Object>> failures = new ArrayList<>();
        for (Map<String, Object> subject : call.subjects()) {
            failures.add(of(subject, status, reason));
        }
        return failures;
    }
}
