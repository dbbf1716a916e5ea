package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.engine.PartitionChange;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.schema.CuratedTables;

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
                    .isEqualTo(LAKE.uriOf(table.folder()).replaceAll("/$", ""));
        });
    }

    @Test
    void everyTableOfBothDialectsIsCreatedOnlyIfMissingAndPartitionedByDt() {
        forEveryTable((ddl, table) -> assertThat(ddl)
                .containsPattern("^CREATE (EXTERNAL )?TABLE IF NOT EXISTS `?spotify_lake`?\\.`?" + table.name() + "\\b")
                .containsAnyOf("PARTITIONED BY (dt string)", "partitioned_by = ARRAY['dt']"));
    }

    @Test
    void theCuratedTablesHaveTheDeclaredColumnsInOrderWithEachDialectsTypesAndDtLast() {
        String athena = new CatalogSql(Dialect.ATHENA, "spotify_lake", LAKE).createTable(LakeTable.curated(Dataset.ARTISTS));
        String trino = new CatalogSql(Dialect.TRINO, "spotify_lake", LAKE).createTable(LakeTable.curated(Dataset.ARTISTS));

        assertThat(columnsOf(athena)).containsExactly("artist_id string", "name string", "followers bigint",
                "popularity int", "url string", "image_url string", "genres string", "extracted_at timestamp");
        assertThat(columnsOf(trino)).containsExactly("artist_id varchar", "name varchar", "followers bigint",
                "popularity integer", "url varchar", "image_url varchar", "genres varchar", "extracted_at timestamp(3)",
                "dt varchar");
        assertThat(athena).contains("PARTITIONED BY (dt string)\nSTORED AS PARQUET");
    }

    @Test
    void appendedColumnsAreOneStatementOnAthenaAndOneEachOnTrino() {
        LakeTable table = LakeTable.curated(Dataset.TOP_TRACKS);
        var columns = CuratedTables.TOP_TRACKS.columns().subList(15, 17);

        assertThat(new CatalogSql(Dialect.ATHENA, "lake", LAKE).addColumns(table, columns)).containsExactly(
                "ALTER TABLE `lake`.`top_tracks` ADD COLUMNS (\n    is_playable         boolean,\n    fetched_at          timestamp\n)");
        assertThat(new CatalogSql(Dialect.TRINO, "lake", LAKE).addColumns(table, columns)).containsExactly(
                "ALTER TABLE lake.top_tracks ADD COLUMN is_playable boolean",
                "ALTER TABLE lake.top_tracks ADD COLUMN fetched_at timestamp(3)");
    }

    @Test
    void movingAPartitionIsOneSetLocationOnAthenaAndUnregisterThenRegisterThenAFlushOfTheReadersCacheOnTrino() {
        LakeTable table = LakeTable.curated(Dataset.ARTISTS);
        LocalDate dt = LocalDate.parse("2026-11-20");

        String version = "s3://b/curated/artists/dt=2026-11-20/_v1";

        PartitionChange athena = new CatalogSql(Dialect.ATHENA, "lake", LAKE).movePartition(table, dt, version);
        PartitionChange trino = new CatalogSql(Dialect.TRINO, "lake", LAKE).movePartition(table, dt, version);

        assertThat(athena.statements()).containsExactly("ALTER TABLE `lake`.`artists` PARTITION (dt = '2026-11-20') SET LOCATION "
                + "'s3://b/curated/artists/dt=2026-11-20/_v1/'");
        assertThat(athena.publish()).isEmpty();
        assertThat(new CatalogSql(Dialect.ATHENA, "lake", LAKE).movesInTwoSteps()).as("one catalog update: a kill cannot cut it").isFalse();
        assertThat(new CatalogSql(Dialect.TRINO, "lake", LAKE).movesInTwoSteps()).as("a kill between the procedures leaves the partition out")
                .isTrue();
        assertThat(trino.statements()).satisfiesExactly(
                unregister -> assertThat(unregister).startsWith("CALL system.unregister_partition("),
                register -> assertThat(register).startsWith("CALL system.register_partition(")
                        .contains("location => 's3://b/curated/artists/dt=2026-11-20/_v1'"));
        assertThat(trino.publish()).hasValueSatisfying(flush -> assertThat(flush).startsWith("CALL system.flush_metadata_cache(")
                .contains("schema_name => 'lake'", "table_name => 'artists'", "partition_values => ARRAY['2026-11-20']"));
    }

    private static List<String> columnsOf(String ddl) {
        return ddl.lines().filter(line -> line.startsWith("    ") && !line.contains("=")).map(line -> line.strip().replaceAll(",$", "")
                .replaceAll("\\s+", " ")).toList();
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
