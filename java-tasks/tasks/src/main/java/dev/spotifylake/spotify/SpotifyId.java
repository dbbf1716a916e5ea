package dev.spotifylake.spotify;

import java.util.regex.Pattern;

/**
 * Spotify ids are 22 base-62 characters. Checked before an id goes into a URL: a malformed id from MySQL must
 * become a recorded failure, never a request (nor a path that points somewhere else).
 */
public final class SpotifyId {
    private static final Pattern BASE62_22 = Pattern.compile("[0-9A-Za-z]{22}");

    private SpotifyId() {
    }

    public static boolean isValid(String id) {
        return id != null && BASE62_22.matcher(id).matches();
    }
}
