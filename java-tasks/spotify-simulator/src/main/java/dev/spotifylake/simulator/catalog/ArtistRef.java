package dev.spotifylake.simulator.catalog;

/** The simplified artist object inside tracks and albums. */
public record ArtistRef(String id, String name) {
}
