package dev.spotifylake.lake;

import dev.spotifylake.common.TaskException;

/** Where the lake lives: {@code s3://bucket} or {@code s3://bucket/prefix}. Keys are relative to it. */
public record LakeUri(String bucket, String prefix) {

    public static LakeUri parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw TaskException.notRetryable("LAKE_URI must look like s3://bucket[/prefix], got '" + uri + "'");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw TaskException.notRetryable("LAKE_URI names an invalid bucket '" + bucket + "'");
        }
        return new LakeUri(bucket, prefix);
    }

    /** The object key in the bucket for a lake-relative key. */
    public String objectKey(String lakeKey) {
        return prefix.isEmpty() ? lakeKey : prefix + "/" + lakeKey;
    }

    /** The lake-relative key of an object key of the bucket. */
    public String lakeKey(String objectKey) {
        return prefix.isEmpty() ? objectKey : objectKey.substring(prefix.length() + 1);
    }

    /** The full s3:// URI of a lake-relative key, as a catalog LOCATION wants it. */
    public String uriOf(String lakeKey) {
        return "s3://" + bucket + "/" + objectKey(lakeKey);
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
    }

    private static String trimSlashes(String value) {
        return value.replaceAll("^/+|/+$", "");
    }
}
