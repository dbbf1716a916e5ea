package dev.spotifylake.common;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A calendar date option, YYYY-MM-DD, strictly: 2026-02-30 is refused rather than rolled over to March. */
public final class IsoDateConverter implements ITypeConverter<LocalDate> {
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value, ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a calendar date of the form YYYY-MM-DD");
        }
    }
}
