-- Raw artists: the gzip NDJSON lines of extract-artists, one per artist, as MySQL held them for dt.
-- Objects named _* (_manifest.json) are skipped by the engine, like Hadoop's hidden files.
CREATE TABLE IF NOT EXISTS ${SCHEMA}.raw_artists (
    id                  varchar,
    name                varchar,
    followers           bigint,
    popularity          integer,
    url                 varchar,
    image_url           varchar,
    genres              array(varchar),
    extracted_at        varchar,
    dt                  varchar
)
WITH (
    format = 'JSON',
    partitioned_by = ARRAY['dt'],
    external_location = '${LAKE_URI}/raw/artists'
)
