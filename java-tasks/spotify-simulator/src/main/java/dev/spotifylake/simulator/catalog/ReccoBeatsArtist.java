package dev.spotifylake.simulator.catalog;

/**
 * An artist as ReccoBeats names it, alone or inside a track.
 *
 * @param id its ReccoBeats UUID
 * @param spotifyId the Spotify id, which ReccoBeats gives only inside its {@code href}
 */
public record ReccoBeatsArtist(String id, String name, String spotifyId) {
}
