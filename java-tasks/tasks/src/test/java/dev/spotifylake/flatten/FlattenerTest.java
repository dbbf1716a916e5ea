package dev.spotifylake.flatten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.parquet.ParquetLayout;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.reccobeats.TopTracksRanking;
import dev.spotifylake.reccobeats.TopTracksRanking.RankedTrack;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.schema.TableMapping;
import dev.spotifylake.staging.AttemptStats;
import dev.spotifylake.staging.StagingArea;
import dev.spotifylake.testing.InMemoryObjectStore;
import dev.spotifylake.testing.Logged;
import dev.spotifylake.testing.ParquetFiles;
import dev.spotifylake.testing.RawDay;
import dev.spotifylake.testing.ReccoBeatsRaw;
import dev.spotifylake.testing.SimulatedRaw;

class FlattenerTest {
    private static final LocalDate DT = LocalDate.of(2026, 11, 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryObjectStore lake = new InMemoryObjectStore();
    private final SimulatedRaw simulated = new SimulatedRaw(7, 300);

    @Test
    void aDerivedTableIsRefusedItHasNoRawDataToFlatten() {
        assertThatThrownBy(() -> new Flattener(lake, CuratedTables.ARTIST_SIMILARITY,
                new Flattener.Settings(1, ParquetLayout.DEFAULT), Clock.systemUTC()))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessage("artist_similarity has no raw data to flatten: it is derived from curated tables by its own "
                        + "task (compute-artist-similarity)");
    }

    @Test
    void simulatedTopTracksBecomeTypedParquetRowsThatReconcileWithTheRawRecords() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(0, 120, "US"), simulated.topTracksLines(120, 200, "SE")));

        TaskSummary summary = flatten(CuratedTables.TOP_TRACKS, 2);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(summary.fields()).containsEntry("records_in", 2000L).containsEntry("rows", 2000L)
                .containsEntry("rejects", 0L).containsEntry("files", 2);
        AttemptStats stats = stats();
        assertThat(stats.recordsIn()).isEqualTo(stats.rows() + stats.rejects());
        assertThat(stats.rawFiles()).extracting(AttemptStats.RawFile::records).containsExactly(1200L, 800L);
        List<GenericRecord> rows = rows(stats);
        assertThat(rows).hasSize(2000);
        GenericRecord first = rows.get(0);
        assertThat(first.get("track_id").toString()).isEqualTo(simulated.topTrackIds(0, "US").get(0));
        assertThat(first.get("artist_id").toString()).isEqualTo(simulated.catalog().artistId(0));
        assertThat(first.get("rank")).isEqualTo(1);
        assertThat(first.get("fetched_at")).isEqualTo(Instant.parse(SimulatedRaw.FETCHED_AT));
        assertThat(rows.get(1999).get("market").toString()).isEqualTo("SE");
        assertThat(rows.get(1999).get("rank")).isEqualTo(10);
        assertThat(rows).anySatisfy(row -> assertThat(row.get("album_release_date")).isNull());
        assertThat(rows).allSatisfy(row -> assertThat(row.get("image_url")).isNotNull());
        assertThat(rows).allSatisfy(row -> assertThat(row.get("source")).hasToString("spotify"));
        assertThat(summary.fields()).containsEntry("source", "spotify").doesNotContainKey("tracks_not_in_top_tracks");
    }

    @Test
    void reccoBeatsPagesOfTracksBecomeEachArtistsRankingInEveryMarket() {
        ReccoBeatsRaw raw = new ReccoBeatsRaw(12, List.of("US", "SE", "JP"), 20);
        raw.writeTopTracks(lake, DT, 5);

        TaskSummary summary = flatten(CuratedTables.TOP_TRACKS, 4);

        List<List<Object>> expected = new ArrayList<>();
        long tracks = 0;
        long ranked = 0;
        for (String artist : raw.artistIds()) {
            tracks += raw.tracks(artist).size();
            Map<String, List<RankedTrack>> top = TopTracksRanking.rank(raw.tracks(artist), raw.markets());
            top.forEach((market, list) -> list.forEach(track -> expected.add(List.of(artist, market, track.rank(),
                    track.trackId(), track.popularity(), track.track().get("trackTitle").asText(),
                    track.track().get("durationMs").asInt()))));
            ranked += top.values().stream().flatMap(List::stream).map(RankedTrack::trackId).distinct().count();
        }
        List<GenericRecord> rows = rows(stats());
        assertThat(rows).extracting(row -> List.<Object>of(row.get("artist_id").toString(), row.get("market").toString(),
                row.get("rank"), row.get("track_id").toString(), row.get("popularity"), row.get("track_name").toString(),
                row.get("duration_ms"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).hasSizeGreaterThan(12 * 3 * 5);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("source")).hasToString("reccobeats");
            assertThat(row.get("album_id")).isNull();
            assertThat(row.get("album_name")).isNull();
            assertThat(row.get("explicit")).isNull();
            assertThat(row.get("image_url")).isNull();
            assertThat(row.get("external_url")).isNull();
            assertThat(row.get("fetched_at")).isEqualTo(Instant.parse(ReccoBeatsRaw.FETCHED_AT));
        });
        assertThat(summary.fields()).containsEntry("source", "reccobeats").containsEntry("records_in", tracks)
                .containsEntry("rows", (long) expected.size()).containsEntry("rejects", 0L)
                .containsEntry("tracks_not_in_top_tracks", tracks - ranked);
        assertThat(stats().recordsIn()).isEqualTo(tracks);
    }

    @Test
    void aReccoBeatsTrackThatCannotBeRankedOrDoesNotFitIsARejectWhereItIsOnItsPage() throws IOException {
        String page = "{\"artist_id\":\"0TnOYISbd1XYRBk9myaseg\",\"page\":0,\"fetched_at\":\"2026-11-20T08:00:01.123Z\","
                + "\"status\":200,\"body\":{\"content\":["
                + "{\"trackTitle\":\"No href\",\"durationMs\":1000,\"availableCountries\":\"US\",\"popularity\":90},"
                + "{\"trackTitle\":\"Fine\",\"durationMs\":1000,\"href\":\"https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp\","
                + "\"availableCountries\":\"US\",\"popularity\":80},"
                + "{\"trackTitle\":\"Odd length\",\"durationMs\":\"long\",\"href\":\"https://open.spotify.com/track/0eGsygTp906u18L0Oimnem\","
                + "\"availableCountries\":\"US\",\"popularity\":70}],\"page\":0,\"size\":50,\"totalElements\":3,\"totalPages\":1}}";
        String lookup = "{\"ids\":[\"0TnOYISbd1XYRBk9myaseg\"],\"fetched_at\":\"2026-11-20T08:00:01.000Z\",\"status\":200,"
                + "\"body\":{\"content\":[{\"id\":\"e2b8a9d2-5d8c-4f0a-9c3d-1f0a4e4b9c3d\",\"name\":\"A\","
                + "\"href\":\"https://open.spotify.com/artist/0TnOYISbd1XYRBk9myaseg\"}]}}";
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(List.of(lookup, page)), Map.of("source", "reccobeats",
                "input", Map.of("markets", List.of("US")), "counts", Map.of("tracks", 3)));

        TaskSummary summary = flatten(CuratedTables.TOP_TRACKS, 1);

        assertThat(summary.fields()).containsEntry("records_in", 3L).containsEntry("rows", 1L).containsEntry("rejects", 2L);
        assertThat(rows(stats())).extracting(row -> row.get("track_id").toString() + "@" + row.get("rank"))
                .containsExactly("3n3Ppam7vgaVa1iaRUc9Lp@1");
        List<JsonNode> rejects = lines(staged(stats().rejectFiles().get(0).file()));
        assertThat(rejects).extracting(reject -> reject.path("line").asInt() + "/" + reject.path("position").asInt() + " "
                + reject.path("record").path("trackTitle").asText()).containsExactly("2/1 No href", "2/3 Odd length");
        assertThat(rejects.get(0).path("reason").asText()).startsWith("href: expected https://open.spotify.com/track/");
        assertThat(rejects.get(1).path("reason").asText()).startsWith("duration_ms (@.durationMs): expected an integer");
    }

    @Test
    void pagesOfAReccoBeatsArtistFoundApartAreExit2TheyWouldGiveTwoRankings() {
        String page = "{\"artist_id\":\"0TnOYISbd1XYRBk9myaseg\",\"fetched_at\":\"2026-11-20T08:00:01.123Z\",\"body\":{\"content\":[]}}";
        String other = page.replace("0TnOYISbd1XYRBk9myaseg", "1vCWHaC5f2uS3yhpwWbIA6");
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(List.of(page), List.of(other, page)), Map.of("source", "reccobeats",
                "input", Map.of("markets", List.of("US")), "counts", Map.of("tracks", 0)));

        assertThatThrownBy(() -> flatten(CuratedTables.TOP_TRACKS, 1))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("the pages of artist 0TnOYISbd1XYRBk9myaseg are not together");
    }

    @Test
    void reccoBeatsRankingWithoutTheDaysMarketsIsExit2() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(List.of("{\"artist_id\":\"0TnOYISbd1XYRBk9myaseg\"}")),
                Map.of("source", "reccobeats", "counts", Map.of("tracks", 0)));

        assertThatThrownBy(() -> flatten(CuratedTables.TOP_TRACKS, 1))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("names no markets (input.markets)");
    }

    @Test
    void reccoBeatsAudioFeaturesAreMatchedByHrefAndAnAbsentIdIsAccountedLikeANullEntry() throws IOException {
        ReccoBeatsRaw raw = new ReccoBeatsRaw(6, List.of("US", "GB"), 21);
        List<String> unknown = raw.writeAudioFeatures(lake, DT);

        TaskSummary summary = flatten(CuratedTables.AUDIO_FEATURES, 2);

        List<String> asked = raw.topTrackIds();
        assertThat(unknown).isNotEmpty();
        assertThat(summary.fields()).containsEntry("source", "reccobeats").containsEntry("records_in", (long) asked.size())
                .containsEntry("rows", (long) asked.size() - unknown.size()).containsEntry("rejects", (long) unknown.size());
        List<GenericRecord> rows = rows(stats(Dataset.AUDIO_FEATURES));
        assertThat(rows).extracting(row -> row.get("track_id").toString())
                .containsExactlyInAnyOrderElementsOf(asked.stream().filter(id -> !unknown.contains(id)).toList());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("source")).hasToString("reccobeats");
            assertThat(row.get("time_signature")).isNull();
            assertThat(row.get("duration_ms")).isNull();
            assertThat(row.get("tempo")).isNotNull();
        });
        List<JsonNode> rejects = lines(staged(stats(Dataset.AUDIO_FEATURES).rejectFiles().get(0).file()));
        assertThat(rejects).extracting(reject -> reject.path("reason").asText())
                .containsExactlyInAnyOrderElementsOf(unknown.stream().map(id -> "unknown track id " + id).toList());
        assertThat(rejects).allSatisfy(reject -> assertThat(reject.path("record").isNull()).isTrue());
    }

    @Test
    void reccoBeatsEntriesForATrackNotAskedOrAnsweredTwiceAreLeftOutWithAWarnAndTheCountsStillReconcile() throws IOException {
        String line = "{\"ids\":[\"3n3Ppam7vgaVa1iaRUc9Lp\",\"6rqhFgbbKwnb9MLmUQDhG6\"],\"fetched_at\":\"2026-11-20T08:00:01.123Z\","
                + "\"status\":200,\"body\":{\"content\":[" + reccoBeatsFeatures("0eGsygTp906u18L0Oimnem", 0.2) + ","
                + reccoBeatsFeatures("3n3Ppam7vgaVa1iaRUc9Lp", 0.3) + "," + reccoBeatsFeatures("3n3Ppam7vgaVa1iaRUc9Lp", 0.9) + "]}}";
        // as fetch-audio-features-raw-json counts this answer: one asked id found, one not
        RawDay.write(lake, Dataset.AUDIO_FEATURES, DT, List.of(List.of(line)), Map.of("source", "reccobeats",
                "counts", Map.of("audio_features", 1, "not_found", 1)));

        Logged<TaskSummary> run = Logged.during(() -> flatten(CuratedTables.AUDIO_FEATURES, 1));

        assertThat(run.result().fields()).containsEntry("records_in", 2L).containsEntry("rows", 1L)
                .containsEntry("rejects", 1L);
        assertThat(rows(stats(Dataset.AUDIO_FEATURES))).singleElement().satisfies(row -> {
            assertThat(row.get("track_id")).hasToString("3n3Ppam7vgaVa1iaRUc9Lp");
            assertThat(row.get("danceability")).as("the first entry of the track").isEqualTo(0.3);
        });
        assertThat(lines(staged(stats(Dataset.AUDIO_FEATURES).rejectFiles().get(0).file())))
                .extracting(reject -> reject.path("position").asInt() + " " + reject.path("reason").asText())
                .containsExactly("4 unknown track id 6rqhFgbbKwnb9MLmUQDhG6");
        assertThat(run.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning).contains("ignoring an entry"))
                .anySatisfy(warning -> assertThat(warning).contains("0eGsygTp906u18L0Oimnem"))
                .anySatisfy(warning -> assertThat(warning).contains("3n3Ppam7vgaVa1iaRUc9Lp"));
    }

    private static String reccoBeatsFeatures(String trackId, double danceability) {
        return "{\"id\":\"e2b8a9d2-5d8c-4f0a-9c3d-1f0a4e4b9c3d\",\"href\":\"https://open.spotify.com/track/" + trackId
                + "\",\"acousticness\":0.1,\"danceability\":" + danceability + ",\"energy\":0.3,\"instrumentalness\":0,"
                + "\"key\":1,\"liveness\":0.1,\"loudness\":-5,\"mode\":1,\"speechiness\":0.05,\"tempo\":120,\"valence\":0.5}";
    }

    @Test
    void theParquetSchemaHasStableFlatTypesAndSnappyRowGroups() {
        RawDay.write(lake, Dataset.AUDIO_FEATURES, DT, List.of(List.of(simulated.audioFeaturesLine(simulated.topTrackIds(3, "US")))));

        flatten(CuratedTables.AUDIO_FEATURES, 1);

        String file = staged(stats(Dataset.AUDIO_FEATURES).files().get(0).file());
        ParquetMetadata footer = ParquetFiles.footer(lake, file);
        MessageType schema = footer.getFileMetaData().getSchema();
        assertThat(schema.getFields()).allSatisfy(field -> assertThat(field.isPrimitive()).isTrue());
        assertThat(schema.getType("track_id").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(schema.getType("track_id").getRepetition()).isEqualTo(Repetition.REQUIRED);
        for (String measure : List.of("danceability", "energy", "loudness", "speechiness", "acousticness",
                "instrumentalness", "liveness", "valence", "tempo")) {
            assertThat(schema.getType(measure).asPrimitiveType().getPrimitiveTypeName()).as(measure).isEqualTo(PrimitiveTypeName.DOUBLE);
        }
        assertThat(schema.getType("key").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT32);
        assertThat(schema.getType("fetched_at").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
        assertThat(footer.getBlocks()).flatMap(BlockMetaData::getColumns).extracting(ColumnChunkMetaData::getCodec)
                .containsOnly(CompressionCodecName.SNAPPY);
        assertThat(footer.getFileMetaData().getKeyValueMetaData().get("parquet.avro.schema"))
                .contains("\"" + TableMapping.VERSION_PROPERTY + "\":" + CuratedTables.AUDIO_FEATURES.version());
    }

    @Test
    void onlyColumnsWhoseMinAndMaxCanSkipRowGroupsKeepStatistics() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(0, 50, "US")));

        flatten(CuratedTables.TOP_TRACKS, 1);

        ParquetMetadata footer = ParquetFiles.footer(lake, staged(stats().files().get(0).file()));
        Set<String> unordered = CuratedTables.TOP_TRACKS.unorderedUniqueColumns();
        assertThat(unordered).contains("track_id", "external_url").doesNotContain("artist_id", "album_release_date");
        assertThat(footer.getBlocks()).flatMap(BlockMetaData::getColumns).allSatisfy(chunk -> {
            String column = chunk.getPath().toDotString();
            assertThat(chunk.getStatistics().isEmpty()).as(column).isEqualTo(unordered.contains(column));
        });
    }

    @Test
    void wholeNumberedMeasuresAreDoublesInEveryFile() {
        String line = LineReaderTest.audioFeatures(List.of("3n3Ppam7vgaVa1iaRUc9Lp", "7ouMYWpwJ422jRcDASZB7P"),
                LineReaderTest.features("3n3Ppam7vgaVa1iaRUc9Lp").replace("\"instrumentalness\":0.0000309", "\"instrumentalness\":0"),
                LineReaderTest.features("7ouMYWpwJ422jRcDASZB7P"));
        RawDay.write(lake, Dataset.AUDIO_FEATURES, DT, List.of(List.of(line)));

        flatten(CuratedTables.AUDIO_FEATURES, 1);

        List<GenericRecord> rows = rows(stats(Dataset.AUDIO_FEATURES));
        assertThat(rows).extracting(row -> row.get("instrumentalness")).containsExactly(0.0, 0.0000309);
        assertThat(rows.get(0).getSchema().getField("instrumentalness").schema().getType()).isEqualTo(Schema.Type.DOUBLE);
    }

    @Test
    void rejectsHoldTheReasonTheRawRecordAndItsEnvelopeAndTheCountsReconcile() throws IOException {
        String bad = LineReaderTest.track("").replace("\"popularity\":84", "\"popularity\":\"high\"");
        List<String> part = new ArrayList<>(simulated.topTracksLines(0, 3, "US"));
        part.add(LineReaderTest.topTracks(LineReaderTest.track(""), bad));
        part.add("{\"artist_id\":\"0TnOYISbd1XYRBk9myaseg\",\"market\":\"US\",\"fetched_at\":\"2026-11-20T08:00:01.123Z\",\"body\":{}}");
        List<String> nulls = List.of(LineReaderTest.audioFeatures(List.of("0000000000000000000000"), "null"));
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(part));
        RawDay.write(lake, Dataset.AUDIO_FEATURES, DT, List.of(nulls));

        TaskSummary summary = flatten(CuratedTables.TOP_TRACKS, 2);

        assertThat(summary.fields()).containsEntry("records_in", 33L).containsEntry("rows", 31L).containsEntry("rejects", 2L);
        AttemptStats stats = stats();
        assertThat(stats.rejectedLines()).isEqualTo(1);
        assertThat(stats.rejectFiles()).singleElement().satisfies(file -> assertThat(file.rejects()).isEqualTo(2));
        List<JsonNode> rejects = lines(staged(stats.rejectFiles().get(0).file()));
        assertThat(rejects).hasSize(2);
        JsonNode row = rejects.get(0);
        assertThat(row.path("reason").asText()).isEqualTo("popularity (@.popularity): expected an integer, got a string \"high\"");
        assertThat(row.path("raw_file").asText()).isEqualTo(new RawPartition(lake, Dataset.TOP_TRACKS, DT).partKeys().get(0));
        assertThat(row.path("line").asInt()).isEqualTo(4);
        assertThat(row.path("position").asInt()).isEqualTo(2);
        assertThat(row.path("record").path("popularity").asText()).isEqualTo("high");
        assertThat(row.path("envelope").path("artist_id").asText()).isEqualTo("0TnOYISbd1XYRBk9myaseg");
        JsonNode line = rejects.get(1);
        assertThat(line.path("reason").asText()).isEqualTo("$.body.tracks[*]: missing, expected an array of rows");
        assertThat(line.has("position")).isFalse();
        assertThat(line.path("record").path("body").isObject()).isTrue();

        flatten(CuratedTables.AUDIO_FEATURES, 1);
        JsonNode unknown = lines(staged(stats(Dataset.AUDIO_FEATURES).rejectFiles().get(0).file())).get(0);
        assertThat(unknown.path("reason").asText()).isEqualTo("unknown track id 0000000000000000000000");
        assertThat(unknown.path("record").isNull()).isTrue();
    }

    @Test
    void filesAreCutAtTheRowLimitAndTheirRowsAddUp() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(0, 25, "US")));

        ParquetLayout filesOf100Rows = new ParquetLayout(ParquetLayout.DEFAULT.rowGroupBytes(),
                ParquetLayout.DEFAULT.pageBytes(), 100);
        new Flattener(lake, CuratedTables.TOP_TRACKS, new Flattener.Settings(1, filesOf100Rows), clock()).flatten(DT);

        AttemptStats stats = stats();
        assertThat(stats.files()).extracting(AttemptStats.StagedFile::rows).containsExactly(100L, 100L, 50L);
        assertThat(stats.files()).extracting(AttemptStats.StagedFile::file).containsExactly(
                "parts/part-00000-00000.snappy.parquet", "parts/part-00000-00001.snappy.parquet",
                "parts/part-00000-00002.snappy.parquet");
        assertThat(rows(stats)).hasSize(250);
    }

    @Test
    void aSecondRunStagesTheSameFilesAndLeavesOnlyItsOwnAttempt() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(0, 30, "US"), simulated.topTracksLines(30, 60, "US")));
        flatten(CuratedTables.TOP_TRACKS, 2);
        AttemptStats first = stats();
        Map<String, byte[]> firstFiles = stagedFiles(first);

        flatten(CuratedTables.TOP_TRACKS, 2);

        AttemptStats second = stats();
        assertThat(second.attempt()).isNotEqualTo(first.attempt());
        assertThat(lake.keys()).filteredOn(key -> key.startsWith("staging/")).allMatch(key -> key.contains(second.attempt()));
        assertThat(stagedFiles(second)).containsOnlyKeys(firstFiles.keySet());
        firstFiles.forEach((name, bytes) -> assertThat(stagedFiles(second).get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void noRawDataIsNothingToDo() {
        TaskSummary summary = flatten(CuratedTables.TOP_TRACKS, 2);

        assertThat(summary.exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(summary.fields()).containsEntry("reason", "no raw data");
        assertThat(lake.keys()).isEmpty();
    }

    @Test
    void aCompleteRawPartitionWithoutRecordsIsNothingToDo() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of());
        RawDay.write(lake, Dataset.AUDIO_FEATURES, DT, List.of(List.of(LineReaderTest.audioFeatures(List.of()))));

        assertThat(flatten(CuratedTables.TOP_TRACKS, 2).exitCode()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(flatten(CuratedTables.AUDIO_FEATURES, 2).fields()).containsEntry("reason", "no raw records");
        assertThat(lake.keys()).noneMatch(key -> key.startsWith("staging/"));
    }

    @Test
    void partFilesWithoutThePointerIngestWritesLastAreAnIncompletePartition() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(0, 2, "US")));
        lake.delete(List.of("raw/top_tracks/dt=2026-11-20/" + LakePaths.MANIFEST_FILE));

        assertThatThrownBy(() -> flatten(CuratedTables.TOP_TRACKS, 2))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("is not complete");
    }

    @Test
    void rawRecordsThatDisagreeWithTheRawManifestFailTheTask() {
        RawDay.write(lake, Dataset.TOP_TRACKS, DT, List.of(simulated.topTracksLines(0, 2, "US")));
        RawDay.writeSummary(lake, Dataset.TOP_TRACKS, DT, Map.of("counts", Map.of("tracks", 30)));

        assertThatThrownBy(() -> flatten(CuratedTables.TOP_TRACKS, 2))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("counts 30 raw records but its part files hold 20");
        assertThat(lake.keys()).noneMatch(key -> key.endsWith(StagingArea.STATS_FILE));
    }

    @Test
    void aRawFileThatIsNotJsonFailsTheTaskWithItsLine() {
        RawDay.write(lake, Dataset.ARTISTS, DT, List.of(List.of("{\"id\":\"a\"}", "{\"id\": tru}")));

        assertThatThrownBy(() -> flatten(CuratedTables.ARTISTS, 1))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("part-00000.json.gz line 2 is not valid JSON");
    }

    @Test
    void artistIdsThatAreNotSpotifyIdsAreRejectsWithTheReasonNotArtists() throws IOException {
        String line = "{\"id\":%s,\"name\":\"n\",\"genres\":[],\"extracted_at\":\"2026-11-20T00:00:00.000Z\"}";
        RawDay.write(lake, Dataset.ARTISTS, DT, List.of(List.of(line.formatted("\"0TnOYISbd1XYRBk9myaseg\""),
                line.formatted("\"\""), line.formatted("\"1; DROP TABLE artists\""))));

        TaskSummary summary = flatten(CuratedTables.ARTISTS, 1);

        assertThat(summary.fields()).containsEntry("rows", 1L).containsEntry("rejects", 2L);
        AttemptStats stats = stats(Dataset.ARTISTS);
        assertThat(rows(stats)).extracting(row -> row.get("artist_id").toString()).containsExactly("0TnOYISbd1XYRBk9myaseg");
        assertThat(lines(staged(stats.rejectFiles().get(0).file()))).extracting(reject -> reject.path("reason").asText())
                .containsExactly("artist_id ($.id): expected a Spotify id (22 base-62 characters), got a string \"\"",
                        "artist_id ($.id): expected a Spotify id (22 base-62 characters), got a string \"1; DROP TABLE artists\"");
    }

    @Test
    void aLineThatIsNotJsonFromItsFirstCharacterIsReportedWithItsOwnNumber() {
        RawDay.write(lake, Dataset.ARTISTS, DT, List.of(List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}", "not json")));

        assertThatThrownBy(() -> flatten(CuratedTables.ARTISTS, 1))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessageContaining("part-00000.json.gz line 3 is not valid JSON (");
    }

    @Test
    void countsThatDoNotReconcileFailWithoutARetryAndSayTheCounts() {
        assertThatThrownBy(() -> Flattener.checkCounts("s3://lake/raw/top_tracks/dt=2026-11-20/", 10, 8, 1))
                .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                .hasMessage("counts do not reconcile for s3://lake/raw/top_tracks/dt=2026-11-20/: 10 raw records in, "
                        + "8 rows + 1 rejects out; nothing was published: report this bug of flatten-to-parquet with "
                        + "the raw partition");
    }

    // ---- helpers

    private TaskSummary flatten(TableMapping mapping, int threads) {
        return new Flattener(lake, mapping, new Flattener.Settings(threads, ParquetLayout.DEFAULT), clock()).flatten(DT);
    }

    private static Clock clock() {
        return Clock.systemUTC();
    }

    private AttemptStats stats() {
        return stats(Dataset.TOP_TRACKS);
    }

    private AttemptStats stats(Dataset dataset) {
        return new StagingArea(lake, dataset, DT).newestComplete().orElseThrow();
    }

    private String staged(String file) {
        return lake.keys().stream().filter(key -> key.startsWith("staging/") && key.endsWith("/" + file)).findFirst().orElseThrow();
    }

    private List<GenericRecord> rows(AttemptStats stats) {
        StagingArea staging = new StagingArea(lake, Dataset.fromName(stats.dataset()), DT);
        List<GenericRecord> rows = new ArrayList<>();
        stats.files().forEach(file -> rows.addAll(ParquetFiles.rows(lake, staging.key(stats.attempt(), file.file()))));
        return rows;
    }

    private Map<String, byte[]> stagedFiles(AttemptStats stats) {
        StagingArea staging = new StagingArea(lake, Dataset.fromName(stats.dataset()), DT);
        Map<String, byte[]> files = new TreeMap<>();
        stats.files().forEach(file -> files.put(file.file(), bytes(staging.key(stats.attempt(), file.file()))));
        return files;
    }

    private byte[] bytes(String key) {
        try (InputStream in = lake.open(key).orElseThrow()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> lines(String key) throws IOException {
        try (InputStream in = new GZIPInputStream(lake.open(key).orElseThrow());
                MappingIterator<JsonNode> lines = JSON.readerFor(JsonNode.class).readValues(in)) {
            return lines.readAll();
        }
    }
}
