-- Raw audio features: one gzip NDJSON line per audio-features answer (up to 100 ids); the answer's array holds
-- null where Spotify knows no features for an id. _failures.json, _manifest.json and _progress/ are skipped.
CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`raw_audio_features` (
    ids                 array<string>,
    fetched_at          string,
    request             struct<method:string, path:string>,
    status              int,
    body                struct<audio_features:array<struct<
                            id:string,
                            danceability:double,
                            energy:double,
                            key:int,
                            loudness:double,
                            mode:int,
                            speechiness:double,
                            acousticness:double,
                            instrumentalness:double,
                            liveness:double,
                            valence:double,
                            tempo:double,
                            duration_ms:int,
                            time_signature:int,
                            type:string,
                            uri:string,
                            track_href:string,
                            analysis_url:string>>>
)
PARTITIONED BY (dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${LAKE_URI}/raw/audio_features/'
