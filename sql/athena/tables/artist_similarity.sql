-- Curated artist similarity, derived by compute-artist-similarity from top_tracks and audio_features of dt: for
-- each artist, its nearest other artists by their standardized mean audio features (rank 1 = nearest), with the
-- tracks with features behind each of the two means. Artists skipped (no audio features) are in rejects.
CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`artist_similarity` (
    artist_id               string,
    rank                    int,
    similar_artist_id       string,
    distance                double,
    artist_tracks           int,
    similar_artist_tracks   int
)
PARTITIONED BY (dt string)
STORED AS PARQUET
LOCATION '${LAKE_URI}/curated/artist_similarity/'
TBLPROPERTIES ('parquet.compression' = 'SNAPPY')
