package dev.spotifylake.similarity;

import java.util.List;

/**
 * The audio features an artist's sound is measured by: the continuous ones of curated audio_features, each a
 * scale on which a mean means something. key, mode and time_signature are left out: they are categories coded
 * as numbers (C = 0 ... B = 11, minor = 0 / major = 1, beats per bar), where the mean of C and B is F sharp,
 * and key 11 is no farther from key 0 than key 1 is, so a mean and a Euclidean distance would only add noise.
 * duration_ms is left out as well: it says how long a track is, not how it sounds.
 */
public final class AudioFeature {
    /** The columns of curated audio_features, in the order of an artist's vector. */
    public static final List<String> COLUMNS = List.of("danceability", "energy", "loudness", "speechiness",
            "acousticness", "instrumentalness", "liveness", "valence", "tempo");

    private AudioFeature() {
    }
}
