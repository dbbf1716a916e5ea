package dev.spotifylake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

class ColumnTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T08:00:01.123Z", "2026-11-20T24:00:01.123Z", "2026-13-20T08:00:01.123Z",
            "2026-11-2OT08:00:01.123Z", "yesterday", "2026-11-20"})
    void anythingElseIsAProblem(String text) {
        assertThatThrownBy(() -> ColumnType.instant(text)).isInstanceOf(ValueProblem.class)
                .hasMessageContaining("expected an ISO-8601 instant");
    }

    /**
     * JSON string literals as they appear in raw lines: plain, escaped, accented, CJK, emoji, broken surrogates.
     * Parquet stores the bytes: a lone surrogate, which a JSON escape can spell, becomes {@code ?} as the JDK does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"Mr. Brightside\"", "\"Beyonc\u00e9\"", "\"Beyonc\\u00e9 \\\"live\\\"\"",
            "\"\u5bae\u672c\u6d69\u6b21\"", "\"\\ud83c\\udfb8 and \ud83c\udfb8\"", "\"lone \\ud800 high\"",
            "\"lone \\udc00 low\"", "\"pair at the end \\ud83c\"", "\"\u0080\u07ff\u0800\uffff\""})
    void stringsAreTheUtf8BytesTheJdkEncodes(String literal) throws IOException, ValueProblem {
        try (JsonParser json = new ObjectMapper().createParser(literal)) {
            json.nextToken();
            String text = json.getText();

            Utf8 read = (Utf8) ColumnType.STRING.readValue(json);

            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            assertThat(Arrays.copyOf(read.getBytes(), read.getByteLength())).isEqualTo(expected);
        }
    }

    @Test
    void aNumberIsNotAString() throws IOException {
        try (JsonParser json = new ObjectMapper().createParser("7")) {
            json.nextToken();

            assertThatThrownBy(() -> ColumnType.STRING.readValue(json)).isInstanceOf(ValueProblem.class)
                    .hasMessage("expected a string, got a number 7");
        }
    }
}
