package dev.spotifylake.simulator.catalog;

import java.util.List;

/**
 * An artist of the catalog: the ArtistObject's content, and the row of the MySQL {@code artists} table.
 *
 * @param followers null for the artists whose answer has no {@code followers} object
 * @param images widest first; empty for artists without a picture
 */
public record Artist(int index, String id, String name, List<String> genres, Long followers, int popularity,
        List<Image> images) {

    public ArtistRef ref() {
        return new ArtistRef(id, name);
    }

    /** The open.spotify.com link, the table's {@code url}. */
    public String url() {
        return "https://open.spotify.com/artist/" + id;
    }

    /** The widest image's URL, the table's {@code image_url}; null without images. */
    public String imageUrl() {
        return images.isEmpty() ? null : images.get(0).url();
    }
}
