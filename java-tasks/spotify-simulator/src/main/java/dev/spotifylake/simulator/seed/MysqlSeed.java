package dev.spotifylake.simulator.seed;

import static java.util.Objects.requireNonNull;

import dev.spotifylake.simulator.catalog.Artist;
import dev.spotifylake.simulator.catalog.Catalog;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The MySQL seed of {@code artists} and {@code artist_genres} (sql/mysql/001_schema.sql) from the simulator's
 * catalog, so MySQL and the simulator agree: every catalog artist, then a few well-formed ids the simulator does
 * not know (it answers 404) and a few malformed ids (not 22 base-62 characters) that the tasks must refuse to
 * send. Multi-row inserts of {@code batchSize} rows load 100,000 artists in seconds;
 * {@code INSERT ... ON DUPLICATE KEY UPDATE} makes a second run change nothing.
 *
 * @param unknownCount how many well-formed ids the simulator does not know
 * @param malformedCount how many malformed ids
 */
public record MysqlSeed(Catalog catalog, int unknownCount, int malformedCount, int batchSize) {
    public static final int DEFAULT_BATCH_SIZE = 1000;

    /** What was written. */
    public record Summary(int artists, int unknownIds, int malformedIds, int genreRows) {
    }

    public MysqlSeed {
        requireNonNull(catalog, "catalog is null");
        if (unknownCount < 0 || malformedCount < 0 || batchSize < 1) {
            throw new IllegalArgumentException("counts must not be negative and batches not empty");
        }
    }

    /** The well-formed ids the simulator answers 404 for. */
    public List<String> unknownIds() {
        List<String> ids = new ArrayList<>(unknownCount);
        for (int n = 0; n < unknownCount; n++) {
            ids.add(catalog.unknownArtist(n).id());
        }
        return ids;
    }

    /** The malformed ids: the shapes people paste by mistake (cut short, a URI, one character too many). */
    public List<String> malformedIds() {
        List<String> ids = new ArrayList<>(malformedCount);
        for (int n = 0; n < malformedCount; n++) {
            String id = catalog.unknownArtist(unknownCount + n).id();
            ids.add(switch (n % 3) {
                case 0 -> id.substring(0, id.length() - 1);
                case 1 -> "spotify:artist:" + id;
                default -> id + "x";
            });
        }
        return ids;
    }

    public Summary write(Writer out) throws IOException {
        out.write("-- spotify-lake MySQL seed, made by `spotify-simulator mysql-seed` from the catalog of seed "
                + catalog.seed() + ": " + catalog.artistCount() + " artists, " + unknownCount
                + " ids the simulator does not know, " + malformedCount + " malformed ids.\n"
                + "-- Idempotent: running it again updates the same rows.\n");
        List<Row> batch = new ArrayList<>(batchSize);
        int genreRows = 0;
        for (int index = 0; index < catalog.artistCount(); index++) {
            batch.add(new Row(catalog.artist(index), null));
            if (batch.size() == batchSize) {
                genreRows += flush(batch, out);
            }
        }
        List<String> unknown = unknownIds();
        for (int n = 0; n < unknownCount; n++) {
            batch.add(new Row(catalog.unknownArtist(n), unknown.get(n)));
        }
        List<String> malformed = malformedIds();
        for (int n = 0; n < malformedCount; n++) {
            batch.add(new Row(catalog.unknownArtist(unknownCount + n), malformed.get(n)));
        }
        genreRows += flush(batch, out);
        out.flush();
        return new Summary(catalog.artistCount(), unknownCount, malformedCount, genreRows);
    }

    /** An artist's row, under another id for the unknown and malformed ones. */
    private record Row(Artist artist, String idOverride) {
        String id() {
            return idOverride != null ? idOverride : artist.id();
        }
    }

    private static int flush(List<Row> batch, Writer out) throws IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder(batch.size() * 256);
        sql.append("INSERT INTO artists (id, name, followers, popularity, url, image_url) VALUES\n");
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            Artist artist = row.artist();
            sql.append(i == 0 ? "" : ",\n").append('(').append(string(row.id())).append(", ")
                    .append(string(artist.name())).append(", ")
                    .append(artist.followers() == null ? "NULL" : artist.followers().toString()).append(", ")
                    .append(artist.popularity()).append(", ")
                    .append(string("https://open.spotify.com/artist/" + row.id())).append(", ")
                    .append(artist.imageUrl() == null ? "NULL" : string(artist.imageUrl())).append(')');
        }
        sql.append("\nON DUPLICATE KEY UPDATE name = VALUES(name), followers = VALUES(followers), "
                + "popularity = VALUES(popularity), url = VALUES(url), image_url = VALUES(image_url);\n");
        int genreRows = 0;
        for (Row row : batch) {
            for (String genre : row.artist().genres()) {
                sql.append(genreRows == 0 ? "INSERT INTO artist_genres (artist_id, genre) VALUES\n" : ",\n")
                        .append('(').append(string(row.id())).append(", ").append(string(genre)).append(')');
                genreRows++;
            }
        }
        if (genreRows > 0) {
            sql.append("\nON DUPLICATE KEY UPDATE genre = VALUES(genre);\n");
        }
        out.append(sql);
        batch.clear();
        return genreRows;
    }

    /**
     * A SQL string literal. Quotes are doubled, which every sql_mode reads alike; the catalog's names hold no
     * backslash (whose meaning depends on NO_BACKSLASH_ESCAPES), and one here would be a bug.
     */
    static String string(String value) {
        if (value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a backslash in a seed value: " + value);
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
