package dev.spotifylake.simulator.catalog;

import java.util.List;

/**
 * A track, the same in every market.
 *
 * @param artists the owner first, then a featured artist for collaborations (which appear in both artists' top
 *     tracks)
 * @param previewUrl often null, as in Spotify's answers since 2024
 */
public record Track(long index, String id, String name, Album album, List<ArtistRef> artists, int discNumber,
        int trackNumber, int durationMs, boolean explicit, String isrc, int popularity, String previewUrl) {
}
