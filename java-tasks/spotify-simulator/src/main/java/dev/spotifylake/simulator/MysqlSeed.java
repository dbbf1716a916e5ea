package dev.spotifylake.simulator;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that fills MySQL's {@code artists} and {@code artist_genres} with the catalog's artists, plus ids
 * Spotify does not know (404) and one malformed id, so that MySQL and the simulator agree. Idempotent (REPLACE
 * and INSERT IGNORE on the primary keys) and in multi-row statements, so that 100,000 artists load in seconds.
 */
public final class MysqlSeed {
    /** Valid-looking ids in MySQL that the simulator answers 404 to. */
    public static final int UNKNOWN_ARTISTS = 3;
    private static final int ROWS_PER_STATEMENT = 1000;

    private final Catalog catalog;

    public MysqlSeed(Catalog catalog) {
        this.catalog = catalog;
    }

    public void write(Writer out) throws IOException {
        out.write("-- artists of the Spotify simulator's catalog (seed " + catalog.seed() + ", " + catalog.size()
                + " artists), " + UNKNOWN_ARTISTS + " ids it does not know and one malformed id\n");
        List<String> artistRows = new ArrayList<>();
        List<String> genreRows = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            Artist artist = catalog.artist(i);
            artistRows.add(row(artist.id(), artist.name(), artist.followers(), artist.popularity(), artist.url(), artist.imageUrl()));
            for (String genre : artist.genres()) {
                genreRows.add(row(artist.id(), genre));
            }
            if (artistRows.size() == ROWS_PER_STATEMENT) {
                flush(out, artistRows, genreRows);
            }
        }
        for (String id : catalog.unknownArtistIds(UNKNOWN_ARTISTS)) {
            artistRows.add(row(id, "Unknown to Spotify " + id.substring(0, 4), null, null, null, null));
        }
        artistRows.add(row(Catalog.MALFORMED_ID, "A malformed id", null, null, null, null));
        flush(out, artistRows, genreRows);
    }

    /** Artists first: their genres refer to them. */
    private static void flush(Writer out, List<String> artistRows, List<String> genreRows) throws IOException {
        if (!artistRows.isEmpty()) {
            out.write("REPLACE INTO artists (id, name, followers, popularity, url, image_url) VALUES\n");
            out.write(String.join(",\n", artistRows));
            out.write(";\n");
        }
        if (!genreRows.isEmpty()) {
            out.write("INSERT IGNORE INTO artist_genres (artist_id, genre) VALUES\n");
            out.write(String.join(",\n", genreRows));
            out.write(";\n");
        }
        artistRows.clear();
        genreRows.clear();
    }

    private static String row(Object... values) {
        StringBuilder row = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append(", ");
            }
            Object value = values[i];
            if (value == null) {
                row.append("NULL");
            } else if (value instanceof Number) {
                row.append(value);
            } else {
                row.append('\'').append(value.toString().replace("\\", "\\\\").replace("'", "''")).append('\'');
            }
        }
        return row.append(')').toString();
    }
}
