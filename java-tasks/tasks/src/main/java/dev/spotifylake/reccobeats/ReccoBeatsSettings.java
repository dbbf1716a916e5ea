package dev.spotifylake.reccobeats;

import static java.util.Objects.requireNonNull;

import java.net.URI;

import dev.spotifylake.spotify.RetrySettings;

/**
 * How the client reaches ReccoBeats and how patient it is.
 *
 * @param apiUrl the API root, {@code https://api.reccobeats.com/v1}
 * @param userAgent sent with every request: ReccoBeats was seen refusing requests without one of their own
 */
public record ReccoBeatsSettings(URI apiUrl, String userAgent, RetrySettings retries) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.reccobeats.com/v1");

    public ReccoBeatsSettings {
        requireNonNull(apiUrl, "apiUrl is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(retries, "retries is null");
    }

    /** {@code spotify-lake/0.1.0 (+https://github.com/...)}: names the product and its version. */
    public static String userAgent(String version) {
        return "spotify-lake/" + version.replace(' ', '-') + " (data lake of Spotify's catalog; Java HttpClient)";
    }

    URI api(String relative) {
        return URI.create(apiUrl.toString().replaceAll("/+$", "") + "/" + relative);
    }
}
