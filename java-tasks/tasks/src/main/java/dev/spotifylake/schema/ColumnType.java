package dev.spotifylake.schema;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The types of curated columns: each knows its Avro (and so Parquet) type, and how a raw JSON value is coerced
 * to it. Coercion never loses information: a whole number arriving as {@code 0} is 0.0 in a double column and
 * {@code 215000.0} is 215000 in an int column, but 12.5 is not an int and "12" is not a number; such values are
 * problems, and their rows go to rejects.
 */
public enum ColumnType {
    /** Read as Avro {@link Utf8}, the bytes Parquet stores. */
    STRING(Schema.create(Schema.Type.STRING), "a string") {
        @Override
        Object read(JsonParser json, JsonToken token) throws IOException, ValueProblem {
            if (token == JsonToken.VALUE_STRING) {
                return new Utf8(json.getText());
            }
            throw mismatch(json, token);
        }
    },
    INT(Schema.create(Schema.Type.INT), "an integer") {
        @Override
        Object read(JsonParser json, JsonToken token) throws IOException, ValueProblem {
            long value = whole(json, token);
            if (value != (int) value) {
                throw new ValueProblem("expected " + description() + " of 32 bits, got " + json.getText());
            }
            return (int) value;
        }
    },
    LONG(Schema.create(Schema.Type.LONG), "an integer") {
        @Override
        Object read(JsonParser json, JsonToken token) throws IOException, ValueProblem {
            return whole(json, token);
        }
    },
    DOUBLE(Schema.create(Schema.Type.DOUBLE), "a number") {
        @Override
        Object read(JsonParser json, JsonToken token) throws IOException, ValueProblem {
            if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                double value = json.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw new ValueProblem("expected a finite number, got " + json.getText());
                }
                return value;
            }
            throw mismatch(json, token);
        }
    },
    BOOLEAN(Schema.create(Schema.Type.BOOLEAN), "true or false") {
        @Override
        Object read(JsonParser json, JsonToken token) throws IOException, ValueProblem {
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            throw mismatch(json, token);
        }
    },
    /** An instant in UTC with milliseconds, from ISO-8601 text such as {@code 2026-11-20T08:00:01.123Z}. */
    TIMESTAMP(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)), "an ISO-8601 instant") {
        @Override
        Object read(JsonParser json, JsonToken token) throws IOException, ValueProblem {
            if (token != JsonToken.VALUE_STRING) {
                throw mismatch(json, token);
            }
            return instant(json.getText());
        }

        @Override
        public Object convert(Object value) throws ValueProblem {
            return value instanceof String text ? instant(text) : super.convert(value);
        }
    };

    private final Schema avro;
    private final String description;

    ColumnType(Schema avro, String description) {
        this.avro = avro;
        this.description = description;
    }

    /** The Avro type of a value of this column; nullable columns wrap it in a union with null. */
    public Schema avro() {
        return avro;
    }

    public String description() {
        return description;
    }

    /**
     * Reads the scalar at the parser's current token as this type; {@code null} for a JSON null. Objects and
     * arrays are problems (the caller skips them).
     */
    public Object readValue(JsonParser json) throws IOException, ValueProblem {
        JsonToken token = json.currentToken();
        return token == JsonToken.VALUE_NULL ? null : read(json, token);
    }

    abstract Object read(JsonParser json, JsonToken token) throws IOException, ValueProblem;

    /** Checks a value a derived column computed (a Java value, not JSON) against this type. */
    public Object convert(Object value) throws ValueProblem {
        if (value == null || expectedClass().isInstance(value)) {
            return value;
        }
        throw new ValueProblem("expected " + description + ", got " + value);
    }

    private Class<?> expectedClass() {
        return switch (this) {
            case STRING -> String.class;
            case INT -> Integer.class;
            case LONG, TIMESTAMP -> Long.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
        };
    }

    /** An integer, or a float without a fraction (215000.0); anything else is a problem. */
    long whole(JsonParser json, JsonToken token) throws IOException, ValueProblem {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new ValueProblem("expected an integer of 64 bits, got " + json.getText());
            }
            return json.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = json.getDoubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
                return (long) value;
            }
            throw new ValueProblem("expected an integer, got " + json.getText());
        }
        throw mismatch(json, token);
    }

    /** The epoch milliseconds of an ISO-8601 instant such as {@code 2026-11-20T08:00:01.123Z}. */
    static long instant(String text) throws ValueProblem {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ValueProblem("expected an ISO-8601 instant such as 2026-11-20T08:00:01.123Z, got \"" + text + "\"");
        }
    }

    ValueProblem mismatch(JsonParser json, JsonToken token) throws IOException {
        return new ValueProblem("expected " + description + ", got " + describe(json, token));
    }

    /** How a raw value is shown in a reason: its kind, and its text when it is short. */
    public static String describe(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string \"" + abbreviate(json.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number " + abbreviate(json.getText());
            case VALUE_TRUE, VALUE_FALSE -> "a boolean " + json.getText();
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
