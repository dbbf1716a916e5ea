package dev.spotifylake.lake;

/** One object of a listing: its lake-relative key and size in bytes. */
public record StoredObject(String key, long size) {
}
