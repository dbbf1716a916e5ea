package dev.spotifylake.lake;

import software.amazon.awssdk.services.s3.S3Client;

/** An open lake: the store to use and the client to close when the task is done. */
public record LakeConnection(S3Client s3, ObjectStore store) implements AutoCloseable {
    @Override
    public void close() {
        s3.close();
    }
}
