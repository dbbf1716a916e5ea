-- Curated top tracks: one row per track of an artist's top-tracks answer, in the order Spotify gave (rank 1 first).
-- Snappy Parquet written by flatten-to-parquet, published by load-s3; dt is the partition, not a column of the files.
CREATE TABLE IF NOT EXISTS ${SCHEMA}.top_tracks (
    track_id            varchar,
    artist_id           varchar,
    market              varchar,
    rank                integer,
    track_name          varchar,
    popularity          integer,
    duration_ms         integer,
    explicit            boolean,
    album_id            varchar,
    album_name          varchar,
    album_type          varchar,
    album_release_date  varchar,
    image_url           varchar,
    external_url        varchar,
    isrc                varchar,
    is_playable         boolean,
    fetched_at          timestamp(3),
    dt                  varchar
)
WITH (
    format = 'PARQUET',
    partitioned_by = ARRAY['dt'],
    external_location = '${LAKE_URI}/curated/top_tracks'
)
