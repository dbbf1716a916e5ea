package dev.spotifylake.lake;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.spotifylake.common.TaskException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** The lake on Amazon S3, or on any S3-compatible server (the local stack's s3proxy). */
public final class S3ObjectStore implements ObjectStore {
    /** S3's limit of keys per DeleteObjects call. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final LakeUri root;

    public S3ObjectStore(S3Client s3, LakeUri root) {
        this.s3 = requireNonNull(s3, "s3 is null");
        this.root = requireNonNull(root, "root is null");
    }

    @Override
    public void put(String key, Path file) {
        call("upload " + key, () -> s3.putObject(b -> b.bucket(root.bucket()).key(root.objectKey(key)), RequestBody.fromFile(file)));
    }

    @Override
    public void put(String key, byte[] content) {
        call("write " + key, () -> s3.putObject(b -> b.bucket(root.bucket()).key(root.objectKey(key)), RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(call("read " + key, () -> s3.getObject(b -> b.bucket(root.bucket()).key(root.objectKey(key)))));
        } catch (TaskException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return call("list " + prefix, () -> s3.listObjectsV2Paginator(b -> b.bucket(root.bucket()).prefix(root.objectKey(prefix)))
                .contents().stream()
                .map(object -> new StoredObject(root.lakeKey(object.key()), object.size()))
                .toList());
    }

    @Override
    public void copy(String sourceKey, String targetKey) {
        call("copy " + sourceKey + " to " + targetKey, () -> s3.copyObject(b -> b
                .sourceBucket(root.bucket()).sourceKey(root.objectKey(sourceKey))
                .destinationBucket(root.bucket()).destinationKey(root.objectKey(targetKey))));
    }

    @Override
    public void delete(Collection<String> keys) {
        List<ObjectIdentifier> identifiers = keys.stream()
                .map(key -> ObjectIdentifier.builder().key(root.objectKey(key)).build())
                .toList();
        for (int from = 0; from < identifiers.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = new ArrayList<>(identifiers.subList(from, Math.min(from + DELETE_BATCH, identifiers.size())));
            call("delete " + batch.size() + " objects", () -> s3.deleteObjects(b -> b.bucket(root.bucket())
                    .delete(Delete.builder().objects(batch).quiet(true).build())));
        }
    }

    @Override
    public LakeUri root() {
        return root;
    }

    /**
     * Runs one S3 call and classifies its failure: refused credentials and missing buckets cannot be fixed by a
     * retry (exit 2); network trouble, throttling and server errors may be (exit 1).
     */
    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw TaskException.notRetryable("S3: cannot " + what + ": no such key", e);
        } catch (SdkServiceException e) {
            String message = "S3: cannot " + what + " in " + root + ": HTTP " + e.statusCode() + " " + e.getMessage();
            boolean retryable = e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException();
            throw retryable ? TaskException.retryable(message + " (a retry may pass)", e) : TaskException.notRetryable(message
                    + ": check LAKE_URI's bucket, the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the "
                    + "worker's role) and what they may do (the policy in docs/aws.md)", e);
        } catch (SdkClientException e) {
            throw TaskException.retryable("S3: cannot " + what + " in " + root + ": " + e.getMessage() + " (a retry may "
                    + "pass; if it does not, check AWS_ENDPOINT_URL and the network; locally: make stack-status)", e);
        }
    }
}
