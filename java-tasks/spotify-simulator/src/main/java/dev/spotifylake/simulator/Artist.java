package dev.spotifylake.simulator;

import java.util.List;

/** One artist of the catalog, as MySQL's {@code artists} and {@code artist_genres} keep it. */
public record Artist(String id, String name, Long followers, int popularity, String url, String imageUrl,
        List<String> genres) {
}
