package dev.spotifylake.fetch;

/**
 * Which source a fetch asks (--source, any case): {@code spotify} or {@code reccobeats} only, or {@code auto}:
 * Spotify, and ReccoBeats for the whole dt when Spotify refuses the endpoint to the app (403, Development Mode).
 */
enum SourceChoice {
    AUTO,
    SPOTIFY,
    RECCOBEATS
}
