package dev.spotifylake.common;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number options with a lower bound, {@code @Option(names = "--threads", converter = AtLeast.One.class)}:
 * a value below it is refused while parsing, as a value that is not a number is, with exit 2 and one line naming
 * the option ("Invalid value for option '--threads': must be at least 1, got 0").
 */
public final class AtLeast {
    private AtLeast() {
    }

    /** Counts and sizes that cannot be none: threads, attempts, rows, seconds. */
    public static final class One implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(1, value);
        }
    }

    /** Counts that may be none, or 0 for "no limit" where the option says so. */
    public static final class Zero implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(0, value);
        }
    }

    private static int atLeast(int minimum, String value) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an int");
        }
        if (number < minimum) {
            throw new TypeConversionException("must be at least " + minimum + ", got " + number);
        }
        return number;
    }
}
