package dev.spotifylake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T08:00:01.123Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
            "2024-02-29T23:59:59.999Z", "2026-11-30T12:34:56.789Z", "2026-11-20T08:00:01Z", "2026-11-20T08:00:01.5Z",
            "2026-11-20T09:00:01.123+01:00"})
    void instantsReadAsTheJdkReadsThem(String text) throws ValueProblem {
        assertThat(ColumnType.instant(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T08:00:01.123Z", "2026-11-20T24:00:01.123Z", "2026-13-20T08:00:01.123Z",
            "2026-11-2OT08:00:01.123Z", "yesterday", "2026-11-20"})
    void anythingElseIsAProblem(String text) {
        assertThatThrownBy(() -> ColumnType.instant(text)).isInstanceOf(ValueProblem.class)
                .hasMessageContaining("expected an ISO-8601 instant");
    }
}
