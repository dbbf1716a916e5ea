-- Curated artist similarity, derived by compute-artist-similarity from top_tracks and audio_features of dt: for
-- each artist, its nearest other artists by their standardized mean audio features (rank 1 = nearest), with the
-- tracks with features behind each of the two means. Artists skipped (no audio features) are in rejects.
CREATE TABLE IF NOT EXISTS ${SCHEMA}.artist_similarity (
    artist_id               varchar,
    rank                    integer,
    similar_artist_id       varchar,
    distance                double,
    artist_tracks           integer,
    similar_artist_tracks   integer,
    dt                      varchar
)
WITH (
    format = 'PARQUET',
    partitioned_by = ARRAY['dt'],
    external_location = '${LAKE_URI}/curated/artist_similarity'
)
