package dev.spotifylake.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.TrinoSession;

/** repair-athena-partitions against the local Trino and S3: counts after repair equal what the lake holds. */
class RepairAthenaPartitionsTrinoIT {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOP_TRACK_COLUMNS = "track_id, artist_id, market, rank, popularity, fetched_at";

    private final LakeFixture lake = new LakeFixture("repair");
    private final Map<String, String> stack = lake.environment();
    private final TrinoSession trino = lake.trino();
    private final String schema = lake.schema();

    @AfterEach
    void dropSchemas() throws Exception {
        lake.close();
    }

    @Test
    void afterRepairTheRowsOfDtInEachTableAreExactlyWhatTheLakeHolds() throws Exception {
        lake.curated(Dataset.TOP_TRACKS, TOP_TRACK_COLUMNS, """
                        ('2takcwOaAZWiXQijPHIx7B', '0TnOYISbd1XYRBk9myaseg', 'US', 1, 81, TIMESTAMP '2026-11-20 08:00:01.120', '2026-11-20'),
                        ('4VrWlk8IQxevMvERoX08iC', '0TnOYISbd1XYRBk9myaseg', 'US', 2, 77, TIMESTAMP '2026-11-20 08:00:01.120', '2026-11-20'),
                        ('0BSPhsCKfwENstErYJl3NZ', '1vCWHaC5f2uS3yhpwWbIA6', 'US', 1, 79, TIMESTAMP '2026-11-20 08:00:02.500', '2026-11-20'),
                        ('6Ymvlzom4TQeoKqAWsZRD7', '1vCWHaC5f2uS3yhpwWbIA6', 'US', 1, 70, TIMESTAMP '2026-11-21 08:00:00.000', '2026-11-21')""")
                .manifest(Dataset.TOP_TRACKS, DT, 3)
                .raw(Dataset.TOP_TRACKS, DT, List.of(
                        topTracksLine("0TnOYISbd1XYRBk9myaseg", "2takcwOaAZWiXQijPHIx7B", "4VrWlk8IQxevMvERoX08iC"),
                        topTracksLine("1vCWHaC5f2uS3yhpwWbIA6", "0BSPhsCKfwENstErYJl3NZ")))
                .curated(Dataset.ARTISTS, "artist_id, name, followers, genres",
                        "('0TnOYISbd1XYRBk9myaseg', 'Pitbull', 10300000, 'dance pop,pop', '2026-11-20')")
                .manifest(Dataset.ARTISTS, DT, 1)
                .raw(Dataset.ARTISTS, DT, List.of("{\"id\":\"0TnOYISbd1XYRBk9myaseg\",\"name\":\"Pitbull\",\"followers\":10300000,"
                        + "\"popularity\":85,\"url\":null,\"image_url\":null,\"genres\":[\"dance pop\",\"pop\"],"
                        + "\"extracted_at\":\"2026-11-20T07:59:00.000Z\"}"));

        Cli cli = Cli.run(stack, "repair-athena-partitions", "--dt", DT.toString()).ok();

        JsonNode summary = JSON.readTree(cli.summaryLine());
        assertThat(summary.path("engine").asText()).isEqualTo("trino");
        assertThat(summary.path("registered")).extracting(entry -> entry.path("table").asText())
                .containsExactly("artists", "raw_artists", "top_tracks", "raw_top_tracks");
        assertThat(summary.path("skipped")).extracting(entry -> entry.path("dataset").asText())
                .containsExactly("audio_features", "artist_similarity");
        assertThat(count("top_tracks")).isEqualTo(3);
        assertThat(trino.number("SELECT count(*) FROM " + schema + ".top_tracks")).as("dt=2026-11-21 is not registered").isEqualTo(3);
        assertThat(count("raw_top_tracks")).as("one row per answer; _failures.json, _manifest.json, _progress/ skipped").isEqualTo(2);
        assertThat(trino.number("SELECT count(*) FROM " + schema + ".raw_top_tracks CROSS JOIN UNNEST(body.tracks) WHERE dt = '2026-11-20'"))
                .isEqualTo(3);
        assertThat(trino.rows("SELECT t.album.images[1].height, t.external_ids.isrc FROM " + schema
                + ".raw_top_tracks CROSS JOIN UNNEST(body.tracks) AS t WHERE t.id = '2takcwOaAZWiXQijPHIx7B'"))
                .containsExactly(Arrays.asList(null, "USUM71100626"));
        assertThat(count("artists")).isEqualTo(1);
        assertThat(trino.rows("SELECT name, cardinality(genres) FROM " + schema + ".raw_artists WHERE dt = '2026-11-20'"))
                .containsExactly(List.of("Pitbull", 2L));
        assertThat(trino.partitions(schema, "audio_features")).isEmpty();
    }

    @Test
    void runningTheRepairTwiceLeavesTheCatalogAsRunningItOnce() {
        lake.curated(Dataset.TOP_TRACKS, TOP_TRACK_COLUMNS, "('2takcwOaAZWiXQijPHIx7B', '0TnOYISbd1XYRBk9myaseg', 'US', 1, 81, NULL, '2026-11-20')")
                .manifest(Dataset.TOP_TRACKS, DT, 1)
                .raw(Dataset.TOP_TRACKS, DT, List.of(topTracksLine("0TnOYISbd1XYRBk9myaseg", "2takcwOaAZWiXQijPHIx7B")));

        Cli.run(stack, "repair-athena-partitions", "--dt", DT.toString(), "--dataset", "top_tracks").ok();
        Cli.run(stack, "repair-athena-partitions", "--dt", DT.toString(), "--dataset", "top_tracks").ok()
                .outContains("\"registered\":[{\"table\":\"top_tracks\"");

        assertThat(trino.partitions(schema, "top_tracks")).containsExactly("2026-11-20");
        assertThat(trino.partitions(schema, "raw_top_tracks")).containsExactly("2026-11-20");
        assertThat(count("top_tracks")).isEqualTo(1);
        assertThat(count("raw_top_tracks")).isEqualTo(1);
    }

    @Test
    void syncModeRegistersEveryDtThatHasACuratedManifest() {
        lake.curated(Dataset.TOP_TRACKS, TOP_TRACK_COLUMNS, """
                ('2takcwOaAZWiXQijPHIx7B', '0TnOYISbd1XYRBk9myaseg', 'US', 1, 81, NULL, '2026-11-18'),
                ('2takcwOaAZWiXQijPHIx7B', '0TnOYISbd1XYRBk9myaseg', 'US', 1, 82, NULL, '2026-11-19'),
                ('2takcwOaAZWiXQijPHIx7B', '0TnOYISbd1XYRBk9myaseg', 'US', 1, 84, NULL, '2026-11-20')""")
                .manifest(Dataset.TOP_TRACKS, LocalDate.of(2026, 11, 18), 1)
                .manifest(Dataset.TOP_TRACKS, LocalDate.of(2026, 11, 19), 1);

        Cli cli = Cli.run(stack, "repair-athena-partitions", "--dt", DT.toString(), "--dataset", "top_tracks", "--mode", "sync").ok();

        assertThat(cli.summaryLine()).contains("\"mode\":\"sync\",\"registered\":[{\"table\":\"top_tracks\",\"dt\":\"2026-11-18\"");
        assertThat(trino.partitions(schema, "top_tracks")).as("2026-11-20 has no manifest").containsExactly("2026-11-18", "2026-11-19");
        assertThat(trino.number("SELECT sum(popularity) FROM " + schema + ".top_tracks")).isEqualTo(81 + 82);
    }

    @Test
    void withoutACompleteCuratedPartitionTheTaskExits99AndRegistersNothing() {
        lake.curated(Dataset.TOP_TRACKS, TOP_TRACK_COLUMNS, "('2takcwOaAZWiXQijPHIx7B', '0TnOYISbd1XYRBk9myaseg', 'US', 1, 81, NULL, '2026-11-20')");

        Cli.run(stack, "repair-athena-partitions", "--dt", DT.toString()).exitCode(99)
                .outContains("\"status\":\"nothing_to_do\"");

        assertThat(trino.partitions(schema, "top_tracks")).isEmpty();
        assertThat(trino.rows("SHOW TABLES FROM " + schema)).as("two per dataset, one for derived artist_similarity").hasSize(7);
    }

    @Test
    void aSecondLakeRegistersIntoADatabaseOfItsOwnAndIsToldSoWhenItWouldShareTheFirstOnes() {
        Cli.run(stack, "repair-athena-partitions", "--dt", DT.toString(), "--dataset", "top_tracks").exitCode(99);
        Map<String, String> second = new HashMap<>(stack);
        second.put("LAKE_URI", stack.get("LAKE_URI") + "/second");

        Cli.run(second, "repair-athena-partitions", "--dt", DT.toString(), "--dataset", "top_tracks").exitCode(2)
                .errContains("table " + schema + ".top_tracks lies over " + stack.get("LAKE_URI") + "/curated/top_tracks")
                .errContains(": register this lake in a database of its own (--database, env LAKE_DATABASE); only if no "
                        + "other lake uses this table, drop it");
        String secondSchema = trino.newSchemaName("second");
        second.put("LAKE_DATABASE", secondSchema);
        Cli cli = Cli.run(second, "repair-athena-partitions", "--dt", DT.toString(), "--dataset", "top_tracks")
                .exitCode(99);

        assertThat(cli.summaryLine()).contains("\"schema\":\"" + secondSchema + "\"");
        assertThat(location(secondSchema, "top_tracks")).isEqualTo(second.get("LAKE_URI") + "/curated/top_tracks");
        assertThat(location(schema, "top_tracks")).as("the first lake's table is left as it was")
                .isEqualTo(stack.get("LAKE_URI") + "/curated/top_tracks");
    }

    private String location(String tableSchema, String table) {
        String ddl = trino.rows("SHOW CREATE TABLE " + tableSchema + "." + table).get(0).get(0).toString();
        return ddl.replaceAll("(?s).*external_location = '([^']*)'.*", "$1").replaceAll("/+$", "");
    }

    private long count(String table) {
        return trino.number("SELECT count(*) FROM " + schema + "." + table + " WHERE dt = '" + DT + "'");
    }

    /** One top-tracks answer as fetch-tracks-raw-json writes it: envelope, then Spotify's body verbatim. */
    static String topTracksLine(String artistId, String... trackIds) {
        StringBuilder tracks = new StringBuilder();
        for (String trackId : trackIds) {
            tracks.append(tracks.isEmpty() ? "" : ",").append("""
                    {"album":{"album_type":"album","artists":[{"external_urls":{"spotify":"https://open.spotify.com/artist/%1$s"},\
                    "href":"https://api.spotify.com/v1/artists/%1$s","id":"%1$s","name":"Artist","type":"artist","uri":"spotify:artist:%1$s"}],\
                    "external_urls":{"spotify":"https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy"},"href":"https://api.spotify.com/v1/albums/4aawyAB9vmqN3uQ7FjRGTy",\
                    "id":"4aawyAB9vmqN3uQ7FjRGTy","images":[{"height":null,"url":"https://i.scdn.co/image/ab67616d0000b273","width":null}],\
                    "is_playable":true,"name":"Global Warming","release_date":"2012-11-16","release_date_precision":"day","total_tracks":18,\
                    "type":"album","uri":"spotify:album:4aawyAB9vmqN3uQ7FjRGTy"},"artists":[{"id":"%1$s","name":"Artist"}],"disc_number":1,\
                    "duration_ms":204160,"explicit":false,"external_ids":{"isrc":"USUM71100626"},\
                    "external_urls":{"spotify":"https://open.spotify.com/track/%2$s"},"href":"https://api.spotify.com/v1/tracks/%2$s",\
                    "id":"%2$s","is_local":false,"is_playable":true,"name":"Track %2$s","popularity":81,"preview_url":null,\
                    "track_number":3,"type":"track","uri":"spotify:track:%2$s","an_unknown_field":{"x":1}}""".formatted(artistId, trackId));
        }
        return """
                {"artist_id":"%s","market":"US","fetched_at":"2026-11-20T08:00:01.120Z",\
                "request":{"method":"GET","path":"/v1/artists/%1$s/top-tracks?market=US"},"status":200,"body":{"tracks":[%s]}}"""
                .formatted(artistId, tracks);
    }
}
