package dev.spotifylake.simulator.catalog;

/**
 * A track as a market sees it: what Spotify adds when the request names a market (Track Relinking).
 *
 * @param restriction the {@code restrictions.reason} of an unplayable track, else null
 * @param linkedFromId the id of the track that was relinked to this one, else null
 */
public record TrackInMarket(Track track, String market, boolean playable, String restriction, String linkedFromId) {
}
