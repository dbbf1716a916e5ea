-- Curated top tracks: one row per track of an artist's top-tracks answer, in the order Spotify gave (rank 1 first).
-- Snappy Parquet written by flatten-to-parquet, published by load-s3; dt is the partition, not a column of the files.
CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`top_tracks` (
    track_id            string,
    artist_id           string,
    market              string,
    rank                int,
    track_name          string,
    popularity          int,
    duration_ms         int,
    explicit            boolean,
    album_id            string,
    album_name          string,
    album_type          string,
    album_release_date  string,
    image_url           string,
    external_url        string,
    isrc                string,
    is_playable         boolean,
    fetched_at          timestamp
)
PARTITIONED BY (dt string)
STORED AS PARQUET
LOCATION '${LAKE_URI}/curated/top_tracks/'
TBLPROPERTIES ('parquet.compression' = 'SNAPPY')
