-- How the popularity of each top track moved since the day before: the biggest risers first, tracks new to the
-- top tracks last (no earlier popularity). A track's popularity is the same in every market, so one per track.
-- ${DT}: the day, YYYY-MM-DD; it is compared with the day before.
WITH today AS (
    SELECT track_id, max(track_name) AS track_name, max(popularity) AS popularity
    FROM top_tracks
    WHERE dt = '${DT}'
    GROUP BY track_id
),
day_before AS (
    SELECT track_id, max(popularity) AS popularity
    FROM top_tracks
    WHERE dt = CAST(date_add('day', -1, DATE '${DT}') AS varchar)
    GROUP BY track_id
)
SELECT
    t.track_id,
    t.track_name,
    b.popularity AS popularity_before,
    t.popularity AS popularity_now,
    t.popularity - b.popularity AS change
FROM today AS t
LEFT JOIN day_before AS b
    ON b.track_id = t.track_id
ORDER BY change DESC NULLS LAST, t.track_id
