package dev.spotifylake.simulator.catalog;

/** An image of an artist or album; Spotify sends null sizes for some of them. */
public record Image(String url, Integer height, Integer width) {
}
