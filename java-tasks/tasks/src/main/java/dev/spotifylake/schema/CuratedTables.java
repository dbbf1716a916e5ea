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
    /** The value of the {@code source} column of rows read from Spotify's answers. */
    public static final String SPOTIFY = "spotify";
    /** The value of the {@code source} column of rows read from ReccoBeats' answers. */
    public static final String RECCOBEATS = "reccobeats";

    /** One row per track of a 200 answer of GET /v1/artists/{id}/top-tracks, in Spotify's order. */
    public static final TableMapping TOP_TRACKS = TableMapping.builder(Dataset.TOP_TRACKS, 2)
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
            // version 2: whose answers the row came from
            .source("source", SPOTIFY)
            // ReccoBeats' tracks carry no album and no explicit flag
            .notFromEverySource("explicit", "album_id", "album_name", "album_type")
            .rawManifestCount("$.counts.tracks")
            .dictionaryEncoded("market", "rank", "popularity", "album_type", "source")
            .unorderedUnique("track_id", "track_name", "album_id", "album_name", "image_url", "external_url", "isrc")
            .build();

    /**
     * An artist's top tracks from ReccoBeats, which has no top-tracks endpoint: flatten ranks the tracks of all the
     * artist's pages per market (reccobeats.TopTracksRanking) and reads each market's ranking as one answer
     * {@code {"artist_id", "market", "fetched_at", "body": {"content": [Track...]}}}, tracks in rank order.
     */
    public static final TableMapping RECCOBEATS_TOP_TRACKS = TOP_TRACKS.forSource(RECCOBEATS)
            .rows("$.body.content[*]")
            .derived("track_id", STRING, true, "@.href", Derivations::spotifyTrackIdOfUrl)
            .required("track_name", STRING, "@.trackTitle")
            .required("popularity", INT, "@.popularity")
            .required("duration_ms", INT, "@.durationMs")
            .absent("explicit", "album_id", "album_name", "album_type", "album_release_date", "image_url", "external_url",
                    "is_playable")
            .nullable("isrc", STRING, "@.isrc")
            .rawManifestCount("$.counts.tracks")
            .build();

    /** One row per non-null entry of a 200 answer of GET /v1/audio-features; null entries are rejects. */
    public static final TableMapping AUDIO_FEATURES = TableMapping.builder(Dataset.AUDIO_FEATURES, 2)
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
            // version 2: whose answers the row came from
            .source("source", SPOTIFY)
            // ReccoBeats has no such fields
            .notFromEverySource("duration_ms", "time_signature")
            .rawManifestCount("$.counts.audio_features")
            .rawManifestCount("$.counts.null_entries")
            .dictionaryEncoded("key", "mode", "time_signature", "fetched_at", "source")
            .unorderedUnique("track_id")
            .build();

    /**
     * One row per entry of a 200 answer of ReccoBeats' GET /audio-features: entries come in any order and name their
     * track only inside {@code href}; an asked id without an entry is accounted for like Spotify's null entry.
     */
    public static final TableMapping RECCOBEATS_AUDIO_FEATURES = AUDIO_FEATURES.forSource(RECCOBEATS)
            .rows("$.body.content[*]")
            .matchedBy("$.ids", "track_id", "unknown track id")
            .derived("track_id", STRING, true, "@.href", Derivations::spotifyTrackIdOfUrl)
            .absent("duration_ms", "time_signature")
            .rawManifestCount("$.counts.audio_features")
            .rawManifestCount("$.counts.not_found")
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

    /** The mapping of a dataset's raw answers from a source ({@link #SPOTIFY} or {@link #RECCOBEATS}). */
    public static TableMapping of(Dataset dataset, String source) {
        if (source.equals(SPOTIFY)) {
            return of(dataset);
        }
        if (source.equals(RECCOBEATS) && dataset == Dataset.TOP_TRACKS) {
            return RECCOBEATS_TOP_TRACKS;
        }
        if (source.equals(RECCOBEATS) && dataset == Dataset.AUDIO_FEATURES) {
            return RECCOBEATS_AUDIO_FEATURES;
        }
        throw new IllegalArgumentException("no mapping of " + dataset + " from source '" + source + "'");
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
