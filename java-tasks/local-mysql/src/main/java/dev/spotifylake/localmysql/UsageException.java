package dev.spotifylake.localmysql;

/** Bad arguments or a missing setting: the caller must change the command, a retry cannot help. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
