package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.RawDay;
import dev.spotifylake.testing.SimulatedRaw;

/**
 * A catalog table made before the declaration's last columns existed (among them {@code source}, which came with
 * ReccoBeats), with a partition whose files lack them: repair appends the columns, the old partition answers NULL
 * for them and a new one its values.
 */
class SchemaEvolutionTrinoIT {
    private static final LocalDate OLD_DAY = LocalDate.of(2026, 11, 19);
    private static final LocalDate NEW_DAY = LocalDate.of(2026, 11, 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LakeFixture lake = new LakeFixture("evolution");
    private final Map<String, String> stack = lake.environment();

    @AfterEach
    void cleanUp() throws Exception {
        lake.close();
    }

    @Test
    void aColumnAppendedToTheDeclarationReachesATableMadeBeforeItOldPartitionsAnswerNull() throws Exception {
        List<Column> declared = CuratedTables.TOP_TRACKS.columns();
        List<Column> old = declared.subList(0, declared.size() - 3);
        String location = stack.get("LAKE_URI") + "/curated/top_tracks";
        lake.trino().execute("CREATE SCHEMA " + lake.schema());
        lake.trino().execute("CREATE TABLE " + lake.schema() + ".top_tracks (" + columnList(old) + ", dt varchar) WITH (format = "
                + "'PARQUET', partitioned_by = ARRAY['dt'], external_location = '" + location + "')");
        lake.trino().execute("INSERT INTO " + lake.schema() + ".top_tracks (track_id, artist_id, market, rank, dt) VALUES "
                + "('2takcwOaAZWiXQijPHIx7B', '0TnOYISbd1XYRBk9myaseg', 'US', 1, '" + OLD_DAY + "'), "
                + "('4VrWlk8IQxevMvERoX08iC', '0TnOYISbd1XYRBk9myaseg', 'US', 2, '" + OLD_DAY + "')");
        lake.manifest(Dataset.TOP_TRACKS, OLD_DAY, 2);
        SimulatedRaw simulated = new SimulatedRaw(3, 20);
        RawDay.write(lake.store(), Dataset.TOP_TRACKS, NEW_DAY, List.of(simulated.topTracksLines(0, 5, "US")));
        Cli.run(stack, "flatten-to-parquet", "--dataset", "top_tracks", "--dt", NEW_DAY.toString()).ok();
        Cli.run(stack, "load-s3", "--dataset", "top_tracks", "--dt", NEW_DAY.toString()).ok();

        Cli repair = Cli.run(stack, "repair-athena-partitions", "--dataset", "top_tracks", "--dt", NEW_DAY.toString()).ok();

        assertThat(JSON.readTree(repair.summaryLine()).path("columns_added").toString())
                .isEqualTo("[{\"table\":\"top_tracks\",\"columns\":[\"is_playable\",\"fetched_at\",\"source\"]}]");
        assertThat(lake.trino().rows("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + lake.schema()
                + "' AND table_name = 'top_tracks' ORDER BY ordinal_position")).extracting(row -> row.get(0))
                .containsExactlyElementsOf(declaredThenDt(declared));
        // the old day's files moved into a version when it was published: repair points its partition there
        Cli.run(stack, "repair-athena-partitions", "--dataset", "top_tracks", "--dt", OLD_DAY.toString()).ok();
        assertThat(lake.trino().rows("SELECT dt, count(*), count(fetched_at), count(is_playable), count(source) FROM "
                + lake.schema() + ".top_tracks GROUP BY dt ORDER BY dt")).containsExactly(
                        List.of(OLD_DAY.toString(), 2L, 0L, 0L, 0L),
                        List.of(NEW_DAY.toString(), 50L, 50L, 50L, 50L));
        assertThat(lake.trino().rows("SELECT DISTINCT source FROM " + lake.schema() + ".top_tracks WHERE dt = '" + NEW_DAY
                + "'")).containsExactly(List.of("spotify"));
        assertThat(lake.trino().rows("SELECT DISTINCT CAST(fetched_at AS varchar) FROM " + lake.schema()
                + ".top_tracks WHERE dt = '" + NEW_DAY + "'")).containsExactly(Arrays.asList("2026-11-20 08:00:01.123"));

        Cli.run(stack, "repair-athena-partitions", "--dataset", "top_tracks", "--dt", NEW_DAY.toString()).ok()
                .outContains("\"columns_added\":[]");
    }

    private static String columnList(List<Column> columns) {
        CatalogSql sql = new CatalogSql(Dialect.TRINO, "unused", LakeUri.parse("s3://unused"));
        return columns.stream().map(column -> column.name() + " " + sql.typeOf(column)).collect(Collectors.joining(", "));
    }

    private static List<Object> declaredThenDt(List<Column> declared) {
        List<Object> names = new ArrayList<>(declared.stream().map(Column::name).toList());
        names.add("dt");
        return names;
    }
}
