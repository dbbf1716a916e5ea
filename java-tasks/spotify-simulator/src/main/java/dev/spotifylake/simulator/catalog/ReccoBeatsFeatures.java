package dev.spotifylake.simulator.catalog;

/**
 * A track's audio features as ReccoBeats answers them.
 *
 * @param id the track's ReccoBeats UUID
 * @param isrc null for the entries that leave it out
 * @param measures the measures; its {@code trackId} is the Spotify id, its duration and time signature are not
 *     part of ReccoBeats' answer
 */
public record ReccoBeatsFeatures(String id, String isrc, AudioFeatures measures) {
}
