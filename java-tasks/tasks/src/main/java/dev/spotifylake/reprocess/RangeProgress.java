package dev.spotifylake.reprocess;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;
import dev.spotifylake.lake.Zone;

/**
 * The days of one range that a run of {@code reprocess} has finished, kept in the lake
 * ({@code staging/_reprocess/<from>_<to>/dt=<D>.json}, one object a day, so that days finishing side by side never
 * write the same object) until the whole range is done: a run killed on any worker is resumed by the next run of
 * the same range, which skips those days. A range that finished is forgotten, so running it again later re-processes
 * it all.
 */
final class RangeProgress {
    private static final Pattern DAY = Pattern.compile(".*/dt=(\\d{4}-\\d{2}-\\d{2})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final String folder;

    RangeProgress(ObjectStore store, LocalDate from, LocalDate to) {
        this.store = requireNonNull(store, "store is null");
        this.folder = Zone.STAGING.folder() + "/_reprocess/" + from + "_" + to + "/";
    }

    /** The days an earlier, interrupted run of this range finished. */
    Set<LocalDate> finishedDays() {
        Set<LocalDate> days = new TreeSet<>();
        for (StoredObject object : store.list(folder)) {
            Matcher day = DAY.matcher(object.key());
            if (day.matches()) {
                days.add(LocalDate.parse(day.group(1)));
            }
        }
        return days;
    }

    void finished(DayResult day) {
        try {
            store.put(folder + "dt=" + day.dt() + ".json", JSON.writeValueAsBytes(day));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget() {
        store.delete(store.list(folder).stream().map(StoredObject::key).toList());
    }
}
