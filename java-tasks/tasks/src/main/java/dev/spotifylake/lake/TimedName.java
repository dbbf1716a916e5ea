package dev.spotifylake.lake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of folders that are written once and never reused (staging attempts, raw versions; curated versions
 * take their attempt's name): the UTC time they were started, to the millisecond, and a random suffix, e.g.
 * {@code 20261120T080001123Z-3fa9}. Later names sort after earlier ones, and two runs started in the same
 * millisecond still get different names.
 */
public final class TimedName {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(\\d{8}T\\d{9}Z)-[0-9a-f]{4}");

    private TimedName() {
    }

    /** A fresh name for something started now. */
    public static String of(Instant now) {
        return TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** When the thing so named was started; empty when the text is not such a name. */
    public static Optional<Instant> startedAt(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TIME.parse(matcher.group(1), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
