package dev.spotifylake.spotify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spotify ids are 22 base-62 characters. Checked before an id goes into a URL: a malformed id from MySQL must
 * become a recorded failure, never a request (nor a path that points somewhere else).
 */
public final class SpotifyId {
    private static final Pattern BASE62_22 = Pattern.compile("[0-9A-Za-z]{22}");
    /** A track's page on Spotify, {@code https://open.spotify.com/track/<id>}, as sources other than Spotify name it. */
    private static final Pattern TRACK_URL = Pattern.compile("https://open\\.spotify\\.com/track/([0-9A-Za-z]{22})/?");

    private SpotifyId() {
    }

    public static boolean isValid(String id) {
        return id != null && BASE62_22.matcher(id).matches();
    }

    /** The id of a track's Spotify URL ({@code https://open.spotify.com/track/<id>}); empty for anything else. */
    public static Optional<String> ofTrackUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher matcher = TRACK_URL.matcher(url);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
