-- Curated audio features: one row per track that Spotify answered for (unknown ids are in rejects, not here).
-- Whole numbers that arrived as JSON integers are doubles here like the rest of their column.
CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`audio_features` (
    track_id            string,
    danceability        double,
    energy              double,
    key                 int,
    loudness            double,
    mode                int,
    speechiness         double,
    acousticness        double,
    instrumentalness    double,
    liveness            double,
    valence             double,
    tempo               double,
    duration_ms         int,
    time_signature      int,
    fetched_at          timestamp
)
PARTITIONED BY (dt string)
STORED AS PARQUET
LOCATION '${LAKE_URI}/curated/audio_features/'
TBLPROPERTIES ('parquet.compression' = 'SNAPPY')
