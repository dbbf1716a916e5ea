package dev.spotifylake.simulator.catalog;

import java.math.BigDecimal;

/**
 * A track's audio features. The measures are decimals, written as Spotify writes them: a whole value as a JSON
 * integer ({@code "instrumentalness": 0}), a small one in plain notation ({@code 0.0000309}).
 */
public record AudioFeatures(String trackId, BigDecimal danceability, BigDecimal energy, int key,
        BigDecimal loudness, int mode, BigDecimal speechiness, BigDecimal acousticness, BigDecimal instrumentalness,
        BigDecimal liveness, BigDecimal valence, BigDecimal tempo, int durationMs, int timeSignature) {
}
