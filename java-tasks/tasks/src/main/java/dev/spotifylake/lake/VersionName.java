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
 * The one naming of version folders, in every zone (a raw version, a staging attempt, the curated version that
 * publishes it): {@code _v-} then the UTC time the version was started, to the millisecond, and a random suffix,
 * e.g. {@code _v-20261120T080001123Z-3fa9}. Later names sort after earlier ones, two runs started in the same
 * millisecond still get different names, and the leading underscore hides the folder from an engine that lists
 * the partition's folder itself.
 */
public final class VersionName {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("_v-(\\d{8}T\\d{9}Z)-[0-9a-f]{4}");

    private VersionName() {
    }

    /** A fresh name for a version started now. */
    public static String of(Instant now) {
        return "_v-" + TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** When the version so named was started; empty when the text is not a version's name. */
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
