-- "Artists like this one, and their music": the nearest artists of the artist named ${ARTIST} (its name as
-- curated artists hold it, in any case) in artist_similarity, nearest first, each with its distinct top tracks
-- of the day, best rank over the markets first. ${DT}: the day, YYYY-MM-DD. An artist skipped by
-- compute-artist-similarity (no audio features) has no rows; its reason is in rejects/artist_similarity/.
WITH chosen AS (
    SELECT artist_id
    FROM artists
    WHERE dt = '${DT}' AND lower(name) = lower('${ARTIST}')
),
nearest AS (
    SELECT s.rank, s.similar_artist_id, s.distance
    FROM artist_similarity AS s
    JOIN chosen AS c
        ON s.artist_id = c.artist_id
    WHERE s.dt = '${DT}'
),
tracks AS (
    SELECT artist_id, track_name, min(rank) AS best_rank
    FROM top_tracks
    WHERE dt = '${DT}'
    GROUP BY artist_id, track_name
)
SELECT
    n.rank,
    coalesce(a.name, n.similar_artist_id) AS similar_artist,
    round(n.distance, 3) AS distance,
    t.best_rank,
    t.track_name
FROM nearest AS n
LEFT JOIN artists AS a
    ON a.artist_id = n.similar_artist_id AND a.dt = '${DT}'
JOIN tracks AS t
    ON t.artist_id = n.similar_artist_id
ORDER BY n.rank, t.best_rank, t.track_name
