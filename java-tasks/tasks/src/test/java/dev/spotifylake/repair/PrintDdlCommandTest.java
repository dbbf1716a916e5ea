package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.engine.Dialect;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeUri;
import dev.spotifylake.testing.Cli;

class PrintDdlCommandTest {

    @Test
    void printsTheSchemaAndEveryTableAsRepairCreatesThemEachEndingWithASemicolon() {
        Cli cli = Cli.run(Map.of("LAKE_URI", "s3://my-lake/spotify"), "print-ddl", "--engine", "trino", "--schema", "lake").ok();

        CatalogSql sql = new CatalogSql(Dialect.TRINO, "lake", LakeUri.parse("s3://my-lake/spotify"));
        assertThat(cli.out()).startsWith(sql.createSchema() + ";\n")
                .contains(sql.createTable(LakeTable.curated(Dataset.TOP_TRACKS)) + ";\n")
                .contains("CREATE TABLE IF NOT EXISTS lake.raw_audio_features (")
                .contains("external_location = 's3://my-lake/spotify/curated/artists'");
        assertThat(cli.out().split(";\n")).as("the schema, six tables of the ingested datasets and artist_similarity").hasSize(1 + 6 + 1);
    }

    @Test
    void withoutALakeTheLocationsKeepTheirPlaceholder() {
        Cli.run("print-ddl", "--engine", "athena").ok()
                .outContains("CREATE EXTERNAL TABLE IF NOT EXISTS `spotify_lake`.`audio_features` (")
                .outContains("LOCATION '${LAKE_URI}/curated/audio_features/'");
    }

    @Test
    void helpNamesThePlaceholderAsPrinted() {
        assertThat(Cli.run("print-ddl", "--help").ok().out().replaceAll("\\s+", " "))
                .contains("(env LAKE_URI; unset, the placeholder ${LAKE_URI} is printed)");
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        Cli.run("print-ddl", "--engine", "presto").exitCode(2)
                .errContains("expected one of [athena, trino] (any case) but was 'presto'");
    }

    @Test
    void theEngineIsTakenInAnyCase() {
        Cli.run("print-ddl", "--engine", "TRINO").ok().outContains("CREATE SCHEMA IF NOT EXISTS");
    }
}
