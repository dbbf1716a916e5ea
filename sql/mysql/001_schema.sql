-- The artist list that data engineers keep: the course's `artists` table and its genres.
-- Applied by `make stack-up` (idempotent) and by a deployment's migration tool in production.

CREATE TABLE IF NOT EXISTS artists (
    id          VARCHAR(64)   NOT NULL COMMENT 'Spotify artist id (22 base-62 characters when valid; the tasks validate it)',
    name        VARCHAR(512)  NOT NULL,
    followers   BIGINT        NULL     COMMENT 'Spotify may omit followers',
    popularity  SMALLINT      NULL     COMMENT '0-100',
    url         VARCHAR(1024) NULL     COMMENT 'open.spotify.com link',
    image_url   VARCHAR(1024) NULL     COMMENT 'largest image',
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS artist_genres (
    artist_id   VARCHAR(64)      NOT NULL,
    genre       VARCHAR(255)  NOT NULL,
    PRIMARY KEY (artist_id, genre),
    CONSTRAINT fk_artist_genres_artist FOREIGN KEY (artist_id) REFERENCES artists (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
