package dev.spotifylake.simulator.catalog;

import java.util.List;

/**
 * An album, as the SimplifiedAlbumObject inside a track.
 *
 * @param albumType album, single or compilation
 * @param releaseDate null for the old albums whose answer has no {@code release_date}
 * @param releaseDatePrecision year, month or day
 */
public record Album(String id, String name, String albumType, int totalTracks, String releaseDate,
        String releaseDatePrecision, List<Image> images, ArtistRef artist) {
}
