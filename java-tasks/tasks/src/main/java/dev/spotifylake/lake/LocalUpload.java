package dev.spotifylake.lake;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.spotifylake.common.TempFolder;

/**
 * A file written to a local temporary file (in the run's {@link TempFolder}) and then uploaded whole, so that its object is in the lake complete or
 * not at all; the local file is deleted either way (a killed task leaves at most a temporary file behind, never
 * half an object). Subclasses write the file and say how to finish it.
 */
public abstract class LocalUpload implements Closeable {
    private final Path file;
    private boolean finished;

    protected LocalUpload(String prefix, String suffix) {
        file = TempFolder.newFile(prefix, suffix);
    }

    /** The local file being written. */
    protected Path file() {
        return file;
    }

    /** Flushes and closes what writes the file: the file is then complete. Called once. */
    protected abstract void finishWriting() throws IOException;

    /** Finishes the file, uploads it as {@code key} and deletes it; answers its size in bytes. */
    public long publish(ObjectStore store, String key) {
        finish();
        try {
            long bytes = Files.size(file);
            store.put(key, file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } finally {
            close();
        }
    }

    /** Drops the temporary file; a file that was not published leaves nothing behind. */
    @Override
    public void close() {
        try {
            finish();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            finishWriting();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
    }
}
