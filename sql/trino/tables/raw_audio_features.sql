-- Raw audio features: one gzip NDJSON line per audio-features answer (up to 100 ids); the answer's array holds
-- null where Spotify knows no features for an id. _failures.json, _manifest.json and _progress/ are skipped.
CREATE TABLE IF NOT EXISTS ${SCHEMA}.raw_audio_features (
    ids                 array(varchar),
    fetched_at          varchar,
    request             row(method varchar, path varchar),
    status              integer,
    body                row(audio_features array(row(
                            id varchar,
                            danceability double,
                            energy double,
                            key integer,
                            loudness double,
                            mode integer,
                            speechiness double,
                            acousticness double,
                            instrumentalness double,
                            liveness double,
                            valence double,
                            tempo double,
                            duration_ms integer,
                            time_signature integer,
                            type varchar,
                            uri varchar,
                            track_href varchar,
                            analysis_url varchar))),
    dt                  varchar
)
WITH (
    format = 'JSON',
    partitioned_by = ARRAY['dt'],
    external_location = '${LAKE_URI}/raw/audio_features'
)
