-- What each artist's top tracks sound like on one day: the average audio features over their distinct top
-- tracks (a track in several markets counts once). Tracks without features (unknown to Spotify) are left out.
-- ${DT}: the day, YYYY-MM-DD.
WITH artist_tracks AS (
    SELECT DISTINCT artist_id, track_id
    FROM top_tracks
    WHERE dt = '${DT}'
)
SELECT
    coalesce(a.name, t.artist_id) AS artist,
    count(*) AS tracks,
    round(avg(f.danceability), 3) AS danceability,
    round(avg(f.energy), 3) AS energy,
    round(avg(f.valence), 3) AS valence,
    round(avg(f.acousticness), 3) AS acousticness,
    round(avg(f.instrumentalness), 3) AS instrumentalness,
    round(avg(f.speechiness), 3) AS speechiness,
    round(avg(f.loudness), 1) AS loudness_db,
    round(avg(f.tempo), 1) AS tempo_bpm
FROM artist_tracks AS t
JOIN audio_features AS f
    ON f.track_id = t.track_id AND f.dt = '${DT}'
LEFT JOIN artists AS a
    ON a.artist_id = t.artist_id AND a.dt = '${DT}'
GROUP BY coalesce(a.name, t.artist_id)
ORDER BY artist
