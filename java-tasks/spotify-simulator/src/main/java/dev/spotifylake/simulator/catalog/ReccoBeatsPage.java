package dev.spotifylake.simulator.catalog;

import java.util.List;

/** One page of an artist's tracks: {@code page} counts from 0; past the last page, {@code content} is empty. */
public record ReccoBeatsPage(List<ReccoBeatsTrack> content, int page, int size, int totalElements) {
    public int totalPages() {
        return (totalElements + size - 1) / size;
    }
}
