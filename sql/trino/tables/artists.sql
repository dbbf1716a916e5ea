-- Curated artists: the MySQL artist list as extracted for dt; genres joined into one string.
CREATE TABLE IF NOT EXISTS ${SCHEMA}.artists (
    artist_id           varchar,
    name                varchar,
    followers           bigint,
    popularity          integer,
    url                 varchar,
    image_url           varchar,
    genres              varchar,
    extracted_at        timestamp(3),
    dt                  varchar
)
WITH (
    format = 'PARQUET',
    partitioned_by = ARRAY['dt'],
    external_location = '${LAKE_URI}/curated/artists'
)
