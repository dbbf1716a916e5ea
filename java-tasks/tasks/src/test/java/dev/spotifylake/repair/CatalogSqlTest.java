package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.lake.LakeUri;

class CatalogSqlTest {
    private static final LakeUri LAKE = LakeUri.parse("s3://spotify-lake/prod");
    private static final Pattern LOCATION = Pattern.compile("(?:LOCATION|external_location =) '([^']+)'");

    @Test
    void everyTableOfBothDialectsLiesOverTheFolderThatLakePathsNames() {
        for (Dialect dialect : Dialect.values()) {
            CatalogSql sql = new CatalogSql(dialect, "spotify_lake", LAKE);
            for (Dataset dataset : Dataset.values()) {
                for (LakeTable table : LakeTable.of(dataset)) {
                    Matcher location = LOCATION.matcher(sql.createTable(table));
                    assertThat(location.find()).as("%s %s has a location", dialect, table).isTrue();
                    assertThat(location.group(1).replaceAll("/$", ""))
                            .as("%s %s", dialect, table)
                            .isEqualTo(LAKE.uriOf(LakePaths.table(table.zone(), dataset)).replaceAll("/$", ""));
                }
            }
        }
    }

    @Test
    void bothDialectsDeclareTheSameTablesPartitionedByDt() {
        for (Dialect dialect : Dialect.values()) {
            CatalogSql sql = new CatalogSql(dialect, "spotify_lake", LAKE);
            for (Dataset dataset : Dataset.values()) {
                for (LakeTable table : LakeTable.of(dataset)) {
                    assertThat(sql.createTable(table))
                            .contains("IF NOT EXISTS")
                            .contains("spotify_lake" + (dialect == Dialect.ATHENA ? "`.`" : ".") + table.name() + (dialect == Dialect.ATHENA ? "`" : " "))
                            .containsAnyOf("PARTITIONED BY (dt string)", "partitioned_by = ARRAY['dt']");
                }
            }
        }
    }
}
