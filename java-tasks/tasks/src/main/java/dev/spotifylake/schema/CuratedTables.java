package dev.spotifylake.schema;

import static dev.spotifylake.schema.ColumnType.BOOLEAN;
import static dev.spotifylake.schema.ColumnType.DOUBLE;
import static dev.spotifylake.schema.ColumnType.INT;
import static dev.spotifylake.schema.ColumnType.LONG;
import static dev.spotifylake.schema.ColumnType.STRING;
import static dev.spotifylake.schema.ColumnType.TIMESTAMP;

import dev.spotifylake.lake.Dataset;

/**
 * The curated tables, one declaration per dataset: the one place that says which raw field becomes which column,
 * and where the catalog's tables come from (repair-athena-partitions and print-ddl generate the Athena and Trino
 * DDL from these columns). Required and nullable columns are explained in docs/curated-schema.md. A new column is
 * appended at the end, and repair appends it to tables made before; renaming, dropping, moving a column or
 * changing its type is refused by repair (exit 2), so change a column only with a new version and a new table.
 */
public final class CuratedTables {
    /** One row per track of a 200 answer of GET /v1/artists/{id}/top-tracks, in Spotify's order. */
    public static final TableMapping TOP_TRACKS = TableMapping.builder(Dataset.TOP_TRACKS, 1)
            .rows("$.body.tracks[*]")
            .required("track_id", STRING, "@.id")
            .required("artist_id", STRING, "$.artist_id")
            .required("market", STRING, "$.market")
            .position("rank")
            .required("track_name", STRING, "@.name")
            .required("popularity", INT, "@.popularity")
            .required("duration_ms", INT, "@.duration_ms")
            .required("explicit", BOOLEAN, "@.explicit")
            .required("album_id", STRING, "@.album.id")
            .required("album_name", STRING, "@.album.name")
            .required("album_type", STRING, "@.album.album_type")
            // old catalogue albums come without a release date
            .nullable("album_release_date", STRING, "@.album.release_date")
            .derived("image_url", STRING, false, "@.album.images", Derivations::largestImageUrl)
            .nullable("external_url", STRING, "@.external_urls.spotify")
            .nullable("isrc", STRING, "@.external_ids.isrc")
            // only present when the request named a market
            .nullable("is_playable", BOOLEAN, "@.is_playable")
            .required("fetched_at", TIMESTAMP, "$.fetched_at")
            .rawManifestCount("$.counts.tracks")
            .dictionaryEncoded("market", "rank", "popularity", "album_type")
            .unorderedUnique("track_id", "track_name", "album_id", "album_name", "image_url", "external_url", "isrc")
            .build();

    /** One row per non-null entry of a 200 answer of GET /v1/audio-features; null entries are rejects. */
    public static final TableMapping AUDIO_FEATURES = TableMapping.builder(Dataset.AUDIO_FEATURES, 1)
            .rows("$.body.audio_features[*]")
            .pairedWith("$.ids", "unknown track id")
            .required("track_id", STRING, "@.id")
            .required("danceability", DOUBLE, "@.danceability")
            .required("energy", DOUBLE, "@.energy")
            .required("key", INT, "@.key")
            .required("loudness", DOUBLE, "@.loudness")
            .required("mode", INT, "@.mode")
            .required("speechiness", DOUBLE, "@.speechiness")
            .required("acousticness", DOUBLE, "@.acousticness")
            .required("instrumentalness", DOUBLE, "@.instrumentalness")
            .required("liveness", DOUBLE, "@.liveness")
            .required("valence", DOUBLE, "@.valence")
            .required("tempo", DOUBLE, "@.tempo")
            .required("duration_ms", INT, "@.duration_ms")
            .required("time_signature", INT, "@.time_signature")
            .required("fetched_at", TIMESTAMP, "$.fetched_at")
            .rawManifestCount("$.counts.audio_features")
            .rawManifestCount("$.counts.null_entries")
            .dictionaryEncoded("key", "mode", "time_signature", "fetched_at")
            .unorderedUnique("track_id")
            .build();

    /** One row per line of extract-artists: the MySQL artist list as it was for dt. */
    public static final TableMapping ARTISTS = TableMapping.builder(Dataset.ARTISTS, 1)
            // extract-artists leaves ids that are not Spotify ids out; a snapshot written before it did has them
            .derived("artist_id", STRING, true, "$.id", Derivations::spotifyId)
            .required("name", STRING, "$.name")
            .nullable("followers", LONG, "$.followers")
            .nullable("popularity", INT, "$.popularity")
            .nullable("url", STRING, "$.url")
            .nullable("image_url", STRING, "$.image_url")
            .derived("genres", STRING, false, "$.genres", Derivations::joinedStrings)
            .required("extracted_at", TIMESTAMP, "$.extracted_at")
            .rawManifestCount("$.artists")
            .dictionaryEncoded("popularity", "genres", "extracted_at")
            .build();

    /**
     * Derived by compute-artist-similarity from top_tracks and audio_features of the same dt: for each artist, its
     * nearest other artists by the mean audio features of its distinct top tracks (rank 1 = nearest).
     */
    public static final TableMapping ARTIST_SIMILARITY = TableMapping.builder(Dataset.ARTIST_SIMILARITY, 1)
            .computed("artist_id", STRING)
            .computed("rank", INT)
            .computed("similar_artist_id", STRING)
            .computed("distance", DOUBLE)
            // tracks with audio features behind each of the two means
            .computed("artist_tracks", INT)
            .computed("similar_artist_tracks", INT)
            .dictionaryEncoded("artist_id", "rank", "artist_tracks")
            .build();

    private CuratedTables() {
    }

    public static TableMapping of(Dataset dataset) {
        return switch (dataset) {
            case TOP_TRACKS -> TOP_TRACKS;
            case AUDIO_FEATURES -> AUDIO_FEATURES;
            case ARTISTS -> ARTISTS;
            case ARTIST_SIMILARITY -> ARTIST_SIMILARITY;
        };
    }
}
