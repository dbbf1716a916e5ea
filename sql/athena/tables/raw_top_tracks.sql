-- Raw top tracks: one gzip NDJSON line per top-tracks answer: the request, when it was seen, and Spotify's body
-- verbatim (TrackObject of the OpenAPI description). _failures.json, _manifest.json and _progress/ are skipped.
CREATE EXTERNAL TABLE IF NOT EXISTS `${SCHEMA}`.`raw_top_tracks` (
    artist_id           string,
    market              string,
    fetched_at          string,
    request             struct<method:string, path:string>,
    status              int,
    body                struct<tracks:array<struct<
                            id:string,
                            name:string,
                            popularity:int,
                            duration_ms:int,
                            explicit:boolean,
                            is_playable:boolean,
                            is_local:boolean,
                            track_number:int,
                            disc_number:int,
                            preview_url:string,
                            href:string,
                            uri:string,
                            type:string,
                            available_markets:array<string>,
                            external_ids:struct<isrc:string, ean:string, upc:string>,
                            external_urls:struct<spotify:string>,
                            restrictions:struct<reason:string>,
                            linked_from:struct<id:string, href:string, type:string, uri:string,
                                               external_urls:struct<spotify:string>>,
                            artists:array<struct<id:string, name:string, href:string, type:string, uri:string,
                                                 external_urls:struct<spotify:string>>>,
                            album:struct<
                                id:string,
                                name:string,
                                album_type:string,
                                total_tracks:int,
                                release_date:string,
                                release_date_precision:string,
                                href:string,
                                uri:string,
                                type:string,
                                available_markets:array<string>,
                                external_urls:struct<spotify:string>,
                                restrictions:struct<reason:string>,
                                images:array<struct<url:string, height:int, width:int>>,
                                artists:array<struct<id:string, name:string, href:string, type:string, uri:string,
                                                     external_urls:struct<spotify:string>>>>>>>
)
PARTITIONED BY (dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${LAKE_URI}/raw/top_tracks/'
