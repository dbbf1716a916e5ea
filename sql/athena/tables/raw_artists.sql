-- Raw artists: the gzip NDJSON lines of extract-artists, one per artist, as MySQL held them for dt.
-- Objects named _* (_manifest.json) are skipped by the engine, like Hadoop's hidden files.
CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`raw_artists` (
    id                  string,
    name                string,
    followers           bigint,
    popularity          int,
    url                 string,
    image_url           string,
    genres              array<string>,
    extracted_at        string
)
PARTITIONED BY (dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${LAKE_URI}/raw/artists/'
