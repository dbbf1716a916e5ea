-- Curated artists: the MySQL artist list as extracted for dt; genres joined into one string.
CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`artists` (
    artist_id           string,
    name                string,
    followers           bigint,
    popularity          int,
    url                 string,
    image_url           string,
    genres              string,
    extracted_at        timestamp
)
PARTITIONED BY (dt string)
STORED AS PARQUET
LOCATION '${LAKE_URI}/curated/artists/'
TBLPROPERTIES ('parquet.compression' = 'SNAPPY')
