-- Curated audio features: one row per track that Spotify answered for (unknown ids are in rejects, not here).
-- Whole numbers that arrived as JSON integers are doubles here like the rest of their column.
CREATE TABLE IF NOT EXISTS ${SCHEMA}.audio_features (
    track_id            varchar,
    danceability        double,
    energy              double,
    key                 integer,
    loudness            double,
    mode                integer,
    speechiness         double,
    acousticness        double,
    instrumentalness    double,
    liveness            double,
    valence             double,
    tempo               double,
    duration_ms         integer,
    time_signature      integer,
    fetched_at          timestamp(3),
    dt                  varchar
)
WITH (
    format = 'PARQUET',
    partitioned_by = ARRAY['dt'],
    external_location = '${LAKE_URI}/curated/audio_features'
)
