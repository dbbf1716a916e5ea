package dev.spotifylake.fetch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failure records of {@code _failures.json}: the subject's fields, the HTTP status (null if none), why, and whether
 * the answer is {@code permanent} (404, an invalid id: asking again gives the same) or not (retries exhausted on
 * 429, 5xx or a dropped connection: a later run asks again).
 */
final class Failures {
    static final String INVALID_ID = "invalid Spotify id: not 22 base-62 characters; no request was sent";
    private static final String PERMANENT = "permanent";

    private Failures() {
    }

    /** A permanent failure of one subject. */
    static Map<String, Object> of(Map<String, Object> subject, Integer status, String reason) {
        return of(subject, status, reason, true);
    }

    /** One permanent failure record per subject of a call that was answered with a refusal. */
    static List<Map<String, Object>> of(FetchCall call, Integer status, String reason) {
        return of(call, status, reason, true);
    }

    /** One record per subject of a call that failed for a reason a later run may not meet. */
    static List<Map<String, Object>> worthRetrying(FetchCall call, Integer status, String reason) {
        return of(call, status, reason, false);
    }

    /** Whether asking again may help: the failure was not a permanent answer. */
    static boolean worthRetrying(Map<String, Object> failure) {
        return Boolean.FALSE.equals(failure.get(PERMANENT));
    }

    private static List<Map<String, Object>> of(FetchCall call, Integer status, String reason, boolean permanent) {
        List<Map<String, Object>> failures = new ArrayList<>();
        for (Map<String, Object> subject : call.subjects()) {
            failures.add(of(subject, status, reason, permanent));
        }
        return failures;
    }

    private static Map<String, Object> of(Map<String, Object> subject, Integer status, String reason, boolean permanent) {
        Map<String, Object> failure = new LinkedHashMap<>(subject);
        failure.put("status", status);
        failure.put("reason", reason);
        failure.put(PERMANENT, permanent);
        return failure;
    }
}
