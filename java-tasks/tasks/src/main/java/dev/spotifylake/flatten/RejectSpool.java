package dev.spotifylake.flatten;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.spotifylake.common.TempFolder;

/**
 * The rejects of one raw part as the fast pass finds them: where each is (line, position) and why. Kept in a
 * local temporary file, so memory stays flat even when a whole day is rejected; the raw records themselves are
 * fetched by a second pass over the part, which only parts with rejects pay for.
 */
final class RejectSpool implements Closeable {
    /** One reject: its line (1-based), its row's position in the line (0: the whole line) and the reason. */
    record Entry(long line, int position, String reason) {
    }

    private Path file;
    private DataOutputStream out;
    private long count;

    void add(long line, int position, String reason) throws IOException {
        if (out == null) {
            file = TempFolder.newFile("spotify-lake-rejects-", ".bin");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }
        out.writeLong(line);
        out.writeInt(position);
        out.writeUTF(reason.length() > 10_000 ? reason.substring(0, 10_000) : reason);
        count++;
    }

    long count() {
        return count;
    }

    /** Reads the entries back in the order they were added; the caller closes the reader. */
    Reader read() {
        try {
            if (out == null) {
                return new Reader(null, 0);
            }
            out.flush();
            return new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)), count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reject spool " + file, e);
        }
    }

    /** The entries of a spool, one at a time. */
    static final class Reader implements Closeable {
        private final DataInputStream in;
        private long left;

        private Reader(DataInputStream in, long count) {
            this.in = in;
            this.left = count;
        }

        /** The next entry, or null after the last. */
        Entry next() {
            if (left == 0) {
                return null;
            }
            left--;
            try {
                return new Entry(in.readLong(), in.readInt(), in.readUTF());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the reject spool", e);
            }
        }

        @Override
        public void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
