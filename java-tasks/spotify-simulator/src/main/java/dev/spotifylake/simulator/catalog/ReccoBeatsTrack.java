package dev.spotifylake.simulator.catalog;

import java.util.List;

/**
 * A track as ReccoBeats answers it: no album, a popularity of its own, the markets in one string.
 *
 * @param id its ReccoBeats UUID
 * @param spotifyId the Spotify id, which ReccoBeats gives only inside its {@code href}
 * @param ean often null
 * @param upc often null
 * @param availableCountries market codes separated by commas, e.g. {@code "AD,AE,...,US"}; empty for none
 */
public record ReccoBeatsTrack(String id, String spotifyId, String title, List<ReccoBeatsArtist> artists,
        int durationMs, String isrc, String ean, String upc, String availableCountries, int popularity) {
}
