package dev.spotifylake.extract;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.spotifylake.raw.PartFileWriter;
import dev.spotifylake.raw.RawJson;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.spotify.SpotifyId;

/**
 * Streams the artists table, with each artist's genres, into the part files of a version of raw/artists/dt=D/:
 * one line per artist, at most {@code artistsPerPart} lines a part. Rows come from the server one at a time (a
 * streaming result set) and go straight into a gzip file, so memory stays flat however long the table is. An id
 * that is not a Spotify id (22 base-62 characters: not empty, not {@code 1; DROP TABLE}) is no artist of the lake:
 * it is left out and reported, with the reason, for {@code _failures.json}.
 */
public final class ArtistExtractor {
    private static final Logger log = LoggerFactory.getLogger(ArtistExtractor.class);
    private static final int PROGRESS_EVERY = 50_000;

    /**
     * One query, so the artists and their genres come from one consistent snapshot; ordered by id and genre so
     * that an artist's genre rows arrive together and parts cover deterministic id ranges.
     */
    private static final String QUERY = """
            SELECT a.id, a.name, a.followers, a.popularity, a.url, a.image_url, g.genre
            FROM artists a LEFT JOIN artist_genres g ON g.artist_id = a.id
            ORDER BY a.id, g.genre""";

    static final String INVALID_ID = "invalid Spotify id: not 22 base-62 characters; left out of the snapshot";

    /** What the extract wrote, and the rows it left out with the reason ({@code {"id", "reason"}}). */
    public record Result(List<Part> parts, List<Map<String, Object>> invalid) {
        public long artists() {
            return parts.stream().mapToLong(Part::artists).sum();
        }
    }

    /** What one part holds, for the partition's manifest. */
    public record Part(String file, long artists, @JsonProperty("first_id") String firstId,
            @JsonProperty("last_id") String lastId) {
    }

    private final RawVersion version;
    private final int artistsPerPart;

    public ArtistExtractor(RawVersion version, int artistsPerPart) {
        this.version = requireNonNull(version, "version is null");
        if (artistsPerPart < 1) {
            throw new IllegalArgumentException("artistsPerPart must be at least 1");
        }
        this.artistsPerPart = artistsPerPart;
    }

    /** Writes the part files and answers what each holds (none when the table is empty) and what was left out. */
    public Result extract(Connection connection, Instant extractedAt) {
        String stamp = RawJson.instant(extractedAt);
        List<Part> parts = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        PartWriter current = null;
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // Connector/J streams row by row only with this exact fetch size.
            statement.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rows = statement.executeQuery(QUERY)) {
                Artist artist = null;
                long total = 0;
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (artist != null && artist.id.equals(id)) {
                        artist.addGenre(rows.getString(7));
                        continue;
                    }
                    if (artist != null) {
                        current = write(current, artist, stamp, parts, invalid);
                        if (++total % PROGRESS_EVERY == 0) {
                            log.info("extracted {} artists", total);
                        }
                    }
                    artist = Artist.from(rows);
                }
                if (artist != null) {
                    current = write(current, artist, stamp, parts, invalid);
                }
                if (current != null) {
                    current.publish(parts);
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot read the artists table", e);
        } finally {
            if (current != null) {
                current.file.close();
            }
        }
        return new Result(parts, invalid);
    }

    private PartWriter write(PartWriter current, Artist artist, String stamp, List<Part> parts,
            List<Map<String, Object>> invalid) {
        if (!SpotifyId.isValid(artist.id)) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("id", artist.id);
            failure.put("reason", INVALID_ID);
            invalid.add(failure);
            return current;
        }
        PartWriter writer = current;
        if (writer != null && writer.artists == artistsPerPart) {
            writer.publish(parts);
            writer = null;
        }
        if (writer == null) {
            writer = new PartWriter(parts.size());
        }
        writer.add(artist, stamp);
        return writer;
    }

    /** One part being written, and the ids it covers. */
    private final class PartWriter {
        private final int number;
        private final PartFileWriter file = new PartFileWriter();
        private long artists;
        private String firstId;
        private String lastId;

        PartWriter(int number) {
            this.number = number;
        }

        void add(Artist artist, String stamp) {
            file.write(json -> artist.write(json, stamp));
            artists++;
            if (firstId == null) {
                firstId = artist.id;
            }
            lastId = artist.id;
        }

        void publish(List<Part> parts) {
            String name = RawPartition.partFileName(number);
            file.publish(version.store(), version.key(name));
            parts.add(new Part(name, artists, firstId, lastId));
        }
    }

    /** One artist with the genres gathered from its joined rows; absent MySQL values stay null. */
    private static final class Artist {
        private final String id;
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private final List<String> genres = new ArrayList<>();

        private Artist(String id) {
            this.id = id;
        }

        static Artist from(ResultSet row) throws SQLException {
            Artist artist = new Artist(row.getString(1));
            artist.columns.put("name", row.getString(2));
            artist.columns.put("followers", row.getObject(3) == null ? null : row.getLong(3));
            artist.columns.put("popularity", row.getObject(4) == null ? null : row.getInt(4));
            artist.columns.put("url", row.getString(5));
            artist.columns.put("image_url", row.getString(6));
            artist.addGenre(row.getString(7));
            return artist;
        }

        void addGenre(String genre) {
            if (genre != null) {
                genres.add(genre);
            }
        }

        void write(JsonGenerator json, String extractedAt) throws IOException {
            json.writeStringField("id", id);
            for (Map.Entry<String, Object> column : columns.entrySet()) {
                json.writeFieldName(column.getKey());
                if (column.getValue() instanceof Number number) {
                    json.writeNumber(number.longValue());
                } else if (column.getValue() == null) {
                    json.writeNull();
                } else {
                    json.writeString(column.getValue().toString());
                }
            }
            json.writeArrayFieldStart("genres");
            for (String genre : genres) {
                json.writeString(genre);
            }
            json.writeEndArray();
            json.writeStringField("extracted_at", extractedAt);
        }
    }
}
