package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeUri;

class CatalogSqlTest {
    private static final LakeUri LAKE = LakeUri.parse("s3://spotify-lake/prod");
    private static final Pattern LOCATION = Pattern.compile("(?:LOCATION|external_location =) '([^']+)'");

    @Test
    void everyTableOfBothDialectsLiesOverTheFolderOfItsZoneAndDataset() {
        forEveryTable((ddl, table) -> {
            Matcher location = LOCATION.matcher(ddl);
            assertThat(location.find()).as("%s has a location: %s", table, ddl).isTrue();
            assertThat(location.group(1).replaceAll("/$", ""))
                    .as("location of %s", table)
                    .isEqualTo(LAKE.uriOf(table.zone().folder() + "/" + table.dataset().folder()));
        });
    }

    @Test
    void everyTableOfBothDialectsIsCreatedOnlyIfMissingAndPartitionedByDt() {
        forEveryTable((ddl, table) -> assertThat(ddl)
                .containsPattern("^CREATE (EXTERNAL )?TABLE IF NOT EXISTS `?spotify_lake`?\\.`?" + table.name() + "\\b")
                .containsAnyOf("PARTITIONED BY (dt string)", "partitioned_by = ARRAY['dt']"));
    }

    /** Calls back with the DDL of each table of each dataset in each dialect. */
    private static void forEveryTable(BiConsumer<String, LakeTable> check) {
        for (Dialect dialect : Dialect.values()) {
            CatalogSql sql = new CatalogSql(dialect, "spotify_lake", LAKE);
            for (Dataset dataset : Dataset.values()) {
                LakeTable.of(dataset).forEach(table -> check.accept(sql.createTable(table), table));
            }
        }
    }
}
