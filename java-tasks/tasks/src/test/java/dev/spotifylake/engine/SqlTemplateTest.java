package dev.spotifylake.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;

class SqlTemplateTest {

    @Test
    void commentLinesAndTheFinalSemicolonAreDroppedAndPlaceholdersFilledIn() {
        SqlTemplate template = new SqlTemplate("t.sql", """
                -- Registers one dt.
                ALTER TABLE ${SCHEMA}.${TABLE}
                    ADD IF NOT EXISTS PARTITION (dt = '${DT}');
                """);

        assertThat(template.render(Map.of("SCHEMA", "spotify_lake", "TABLE", "top_tracks", "DT", "2026-11-20")))
                .isEqualTo("ALTER TABLE spotify_lake.top_tracks\n    ADD IF NOT EXISTS PARTITION (dt = '2026-11-20')");
    }

    @Test
    void aPlaceholderWithoutAValueIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> new SqlTemplate("t.sql", "MSCK REPAIR TABLE ${TABLE}").render(Map.of()))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("${TABLE}");
    }

    @Test
    void aValueThatCouldBreakOutOfItsQuotesIsRefused() {
        SqlTemplate template = new SqlTemplate("t.sql", "ALTER TABLE t ADD PARTITION (dt = '1') LOCATION '${LOCATION}'");

        assertThatThrownBy(() -> template.render(Map.of("LOCATION", "s3://lake/x'; DROP TABLE t; --")))
                .isInstanceOf(TaskException.class)
                .hasMessageContaining("cannot be used in t.sql");
    }

    @Test
    void everyStatementOfBothDialectsIsPackedIntoTheJar() {
        for (Dialect dialect : Dialect.values()) {
            for (String name : new String[] {"schema", "add_partition", "partition_file", "tables/raw_top_tracks",
                    "tables/raw_audio_features", "tables/raw_artists"}) {
                assertThat(SqlTemplate.load(dialect.folder() + "/" + name + ".sql").toString()).endsWith(name + ".sql");
            }
        }
    }
}
