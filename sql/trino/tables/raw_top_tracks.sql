-- Raw top tracks: one gzip NDJSON line per top-tracks answer: the request, when it was seen, and Spotify's body
-- verbatim (TrackObject of the OpenAPI description). _failures.json, _manifest.json and _progress/ are skipped.
CREATE TABLE IF NOT EXISTS ${SCHEMA}.raw_top_tracks (
    artist_id           varchar,
    market              varchar,
    fetched_at          varchar,
    request             row(method varchar, path varchar),
    status              integer,
    body                row(tracks array(row(
                            id varchar,
                            name varchar,
                            popularity integer,
                            duration_ms integer,
                            explicit boolean,
                            is_playable boolean,
                            is_local boolean,
                            track_number integer,
                            disc_number integer,
                            preview_url varchar,
                            href varchar,
                            uri varchar,
                            type varchar,
                            available_markets array(varchar),
                            external_ids row(isrc varchar, ean varchar, upc varchar),
                            external_urls row(spotify varchar),
                            restrictions row(reason varchar),
                            linked_from row(id varchar, href varchar, type varchar, uri varchar,
                                            external_urls row(spotify varchar)),
                            artists array(row(id varchar, name varchar, href varchar, type varchar, uri varchar,
                                              external_urls row(spotify varchar))),
                            album row(
                                id varchar,
                                name varchar,
                                album_type varchar,
                                total_tracks integer,
                                release_date varchar,
                                release_date_precision varchar,
                                href varchar,
                                uri varchar,
                                type varchar,
                                available_markets array(varchar),
                                external_urls row(spotify varchar),
                                restrictions row(reason varchar),
                                images array(row(url varchar, height integer, width integer)),
                                artists array(row(id varchar, name varchar, href varchar, type varchar, uri varchar,
                                                  external_urls row(spotify varchar))))))),
    dt                  varchar
)
WITH (
    format = 'JSON',
    partitioned_by = ARRAY['dt'],
    external_location = '${LAKE_URI}/raw/top_tracks'
)
