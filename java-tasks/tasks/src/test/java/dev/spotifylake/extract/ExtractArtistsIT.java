package dev.spotifylake.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.JarProcess;
import dev.spotifylake.testing.LakeReader;
import dev.spotifylake.testing.TestDatabase;

class ExtractArtistsIT {
    /** Today: a past dt gets a late snapshot, or none at all past --max-late-days (tested below). */
    private static final LocalDate DT = LocalDate.now(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final FreshLake freshLake = new FreshLake("extract");
    private final Map<String, String> stack = freshLake.environment();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void dropDatabases() throws Exception {
        for (AutoCloseable resource : cleanup) {
            resource.close();
        }
    }

    @Test
    void everyArtistBecomesOneLineWithItsGenresAndNullsKept() throws Exception {
        TestDatabase database = database("extract");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO artists VALUES "
                    + "('0TnOYISbd1XYRBk9myaseg', 'Pitbull', 10300000, 85, 'https://open.spotify.com/artist/0TnOYISbd1XYRBk9myaseg', 'https://i.scdn.co/image/p'),"
                    + "('1vCWHaC5f2uS3yhpwWbIA6', 'Avicii', NULL, NULL, NULL, NULL),"
                    + "('bad id!', 'Malformed', 1, 2, NULL, NULL), ('', 'Empty', 1, 2, NULL, NULL),"
                    + "('1; DROP TABLE artists', 'Injected', 1, 2, NULL, NULL)");
            statement.execute("INSERT INTO artist_genres VALUES ('0TnOYISbd1XYRBk9myaseg', 'pop'), "
                    + "('0TnOYISbd1XYRBk9myaseg', 'dance pop'), ('0TnOYISbd1XYRBk9myaseg', 'miami hip hop')");
        }

        Cli cli = Cli.run(database.environment(stack), "extract-artists", "--dt", DT.toString()).ok();

        JsonNode summary = JSON.readTree(cli.summaryLine());
        assertThat(summary.path("artists").asLong()).isEqualTo(2);
        assertThat(summary.path("invalid_ids").asLong()).isEqualTo(3);
        assertThat(summary.path("location").asText()).endsWith("/raw/artists/dt=" + DT + "/");
        try (LakeReader lake = lake()) {
            RawPartition partition = lake.raw(Dataset.ARTISTS, DT);
            List<JsonNode> lines = new ArrayList<>();
            partition.forEachLine(lines::add);
            assertThat(lines).extracting(line -> line.path("id").asText())
                    .containsExactlyInAnyOrder("0TnOYISbd1XYRBk9myaseg", "1vCWHaC5f2uS3yhpwWbIA6");
            JsonNode pitbull = lines.stream().filter(line -> line.path("name").asText().equals("Pitbull")).findFirst().orElseThrow();
            assertThat(pitbull.path("followers").asLong()).isEqualTo(10_300_000);
            assertThat(pitbull.path("popularity").asInt()).isEqualTo(85);
            assertThat(pitbull.path("genres")).extracting(JsonNode::asText).containsExactly("dance pop", "miami hip hop", "pop");
            assertThat(pitbull.path("extracted_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            JsonNode avicii = lines.stream().filter(line -> line.path("name").asText().equals("Avicii")).findFirst().orElseThrow();
            assertThat(avicii.get("followers").isNull()).isTrue();
            assertThat(avicii.get("image_url").isNull()).isTrue();
            assertThat(avicii.path("genres")).isEmpty();
            RawVersion current = partition.current().orElseThrow();
            assertThat(current.summary().path("artists").asLong()).isEqualTo(2);
            assertThat(current.pointer().orElseThrow().rows()).isEqualTo(2);
            assertThat(current.summary().path("late").asBoolean()).isFalse();
            assertThat(current.summary().path("late_days").asLong()).isZero();
            assertThat(current.failures())
                    .extracting(failure -> failure.path("id").asText() + ": " + failure.path("reason").asText())
                    .containsExactlyInAnyOrder("bad id!: " + ArtistExtractor.INVALID_ID, ": " + ArtistExtractor.INVALID_ID,
                            "1; DROP TABLE artists: " + ArtistExtractor.INVALID_ID);
        }
    }

    @Test
    void aPastDtWithoutASnapshotRecordsMysqlAsItIsNowAsALateSnapshot() throws Exception {
        TestDatabase database = database("late");
        insertArtists(database, 3);
        LocalDate past = DT.minusDays(3);

        Cli cli = Cli.run(database.environment(stack), "extract-artists", "--dt", past.toString()).ok();

        assertThat(JSON.readTree(cli.summaryLine()).path("late").asBoolean()).isTrue();
        try (LakeReader lake = lake()) {
            JsonNode manifest = lake.raw(Dataset.ARTISTS, past).current().orElseThrow().summary();
            assertThat(manifest.path("late").asBoolean()).isTrue();
            assertThat(manifest.path("late_days").asLong()).isEqualTo(3);
            assertThat(manifest.path("artists").asLong()).isEqualTo(3);
        }
    }

    @Test
    void aDtFurtherBackThanMaxLateDaysIsSkippedAndWritesNothingUnlessTheLimitIsRaised() throws Exception {
        TestDatabase database = database("toolate");
        insertArtists(database, 3);
        String old = DT.minusDays(30).toString();

        Cli.run(database.environment(stack), "extract-artists", "--dt", old).exitCode(99)
                .outContains("\"reason\":\"late\",\"late_days\":30");
        assertThat(lakeContents()).isEmpty();

        Map<String, String> patient = new HashMap<>(database.environment(stack));
        patient.put("MAX_LATE_DAYS", "30");
        Cli.run(patient, "extract-artists", "--dt", old).ok().outContains("\"late\":true");
    }

    @Test
    void aSecondRunForTheSameDtChangesNothing() throws Exception {
        TestDatabase database = database("twice");
        insertArtists(database, 10);
        Cli.run(database.environment(stack), "extract-artists", "--dt", DT.toString()).ok();
        Map<String, String> before = lakeContents();
        insertArtists(database, 20);

        Cli second = Cli.run(database.environment(stack), "extract-artists", "--dt", DT.toString()).ok();

        assertThat(JSON.readTree(second.summaryLine()).path("already_complete").asBoolean()).isTrue();
        assertThat(lakeContents()).isEqualTo(before);
    }

    @Test
    void forceTakesANewSnapshotAndDropsPartsItNoLongerNeeds() throws Exception {
        TestDatabase database = database("force");
        insertArtists(database, 25);
        Cli.run(database.environment(stack), "extract-artists", "--dt", DT.toString(), "--artists-per-part", "10").ok();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM artists WHERE id > '" + artistId(4) + "'");
        }

        Cli.run(database.environment(stack), "extract-artists", "--dt", DT.toString(), "--artists-per-part", "10", "--force").ok();

        try (LakeReader lake = lake()) {
            RawPartition partition = lake.raw(Dataset.ARTISTS, DT);
            assertThat(partition.partKeys()).extracting(LakePaths::fileName).containsExactly("part-00000.json.gz");
            assertThat(partition.current().orElseThrow().summary().path("artists").asLong()).isEqualTo(5);
        }
    }

    @Test
    void anEmptyArtistsTableExitsWith99AndWritesNothing() throws Exception {
        TestDatabase database = database("empty");

        Cli.run(database.environment(stack), "extract-artists", "--dt", DT.toString()).exitCode(99)
                .outContains("\"status\":\"nothing_to_do\"");

        assertThat(lakeContents()).isEmpty();
    }

    @Test
    void aRefusedPasswordIsAConfigurationErrorThatDoesNotShowThePassword() throws Exception {
        TestDatabase database = database("password");
        Map<String, String> environment = database.environment(stack);
        environment.put("MYSQL_PASSWORD", "wrong-password-value");

        Cli.run(environment, "extract-artists", "--dt", DT.toString()).exitCode(2)
                .errContains("cannot connect to MySQL").errContains("Access denied")
                .errDoesNotContain("wrong-password-value");
    }

    @Test
    void aHundredThousandArtistsStreamThroughA64MegabyteHeap() throws Exception {
        TestDatabase database = database("large");
        insertArtists(database, 100_000);

        JarProcess task = JarProcess.start(database.environment(stack), List.of("-Xmx64m"),
                "extract-artists", "--dt", DT.toString(), "--artists-per-part", "40000");

        assertThat(task.waitFor(300)).as("exit code; stderr:%n%s", task.err()).isZero();
        JsonNode summary = JSON.readTree(task.out().strip());
        assertThat(summary.path("artists").asLong()).isEqualTo(100_000);
        assertThat(summary.path("parts").asInt()).isEqualTo(3);
        try (LakeReader lake = lake()) {
            RawPartition partition = lake.raw(Dataset.ARTISTS, DT);
            long[] count = {0};
            partition.forEachLine(line -> count[0]++);
            assertThat(count[0]).isEqualTo(100_000);
        }
    }

    private TestDatabase database(String purpose) {
        TestDatabase database = TestDatabase.create(stack, purpose);
        cleanup.add(database);
        return database;
    }

    private static void insertArtists(TestDatabase database, int count) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement artist = connection.prepareStatement("INSERT IGNORE INTO artists VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement genre = connection.prepareStatement("INSERT IGNORE INTO artist_genres VALUES (?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = artistId(i);
                artist.setString(1, id);
                artist.setString(2, "Artist " + i);
                artist.setLong(3, i * 10L);
                artist.setInt(4, i % 101);
                artist.setString(5, "https://open.spotify.com/artist/" + id);
                artist.setString(6, "https://i.scdn.co/image/" + id);
                artist.addBatch();
                genre.setString(1, id);
                genre.setString(2, "genre " + i % 7);
                genre.addBatch();
                if (i % 5_000 == 4_999) {
                    artist.executeBatch();
                    genre.executeBatch();
                }
            }
            artist.executeBatch();
            genre.executeBatch();
            connection.commit();
        }
    }

    private static String artistId(int i) {
        return String.format("A%021d", i);
    }

    private LakeReader lake() {
        return new LakeReader(stack);
    }

    private Map<String, String> lakeContents() throws Exception {
        try (LakeReader lake = lake()) {
            return lake.contents();
        }
    }
}
