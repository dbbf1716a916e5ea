package dev.spotifylake.localmysql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file that exists exactly while the server is provisioned and serving: the stack script's
 * health check reads it, since an open port alone does not say the schema is applied.
 */
final class ReadyMarker {

    private final Path file;

    ReadyMarker(Path file) {
        this.file = file;
    }

    void set(String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
