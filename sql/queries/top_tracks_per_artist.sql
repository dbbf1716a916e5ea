-- Each artist's top tracks on one day, in the order Spotify ranked them, per market.
-- ${DT}: the day, YYYY-MM-DD. Runs on Athena and Trino in the lake's database.
SELECT
    coalesce(a.name, t.artist_id) AS artist,
    t.market,
    t.rank,
    t.track_name,
    t.popularity,
    t.album_name,
    t.album_release_date
FROM top_tracks AS t
LEFT JOIN artists AS a
    ON a.artist_id = t.artist_id AND a.dt = t.dt
WHERE t.dt = '${DT}'
ORDER BY artist, t.market, t.rank
