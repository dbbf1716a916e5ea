package dev.spotifylake.flatten;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;

import dev.spotifylake.raw.RawPartStream;
import dev.spotifylake.schema.Column;
import dev.spotifylake.schema.CuratedTables;
import dev.spotifylake.schema.TableMapping;

/** Hand-written raw lines with the drift of real Spotify answers, read through the curated mappings. */
class LineReaderTest {
    private static final String ENVELOPE = "\"artist_id\":\"0TnOYISbd1XYRBk9myaseg\",\"market\":\"US\","
            + "\"fetched_at\":\"2026-11-20T08:00:01.123Z\",\"request\":{\"method\":\"GET\",\"path\":\"/v1/x\"},\"status\":200";

    @Test
    void aTrackBecomesOneRowWithEveryColumnTyped() throws IOException {
        Read read = read(CuratedTables.TOP_TRACKS, topTracks(track("")));

        assertThat(read.rejects).isEmpty();
        assertThat(read.records).isEqualTo(1);
        Map<String, Object> row = read.rows.get(0);
        assertThat(row).containsEntry("track_id", "3n3Ppam7vgaVa1iaRUc9Lp")
                .containsEntry("artist_id", "0TnOYISbd1XYRBk9myaseg")
                .containsEntry("market", "US")
                .containsEntry("rank", 1)
                .containsEntry("track_name", "Mr. Brightside")
                .containsEntry("popularity", 84)
                .containsEntry("duration_ms", 222075)
                .containsEntry("explicit", false)
                .containsEntry("album_id", "4OHNH3sDzIxnmUADXzv2kT")
                .containsEntry("album_name", "Hot Fuss")
                .containsEntry("album_type", "album")
                .containsEntry("album_release_date", "2004-06-15")
                .containsEntry("image_url", "https://i.scdn.co/image/640")
                .containsEntry("external_url", "https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp")
                .containsEntry("isrc", "USIR20400274")
                .containsEntry("is_playable", true)
                .containsEntry("fetched_at", Instant.parse("2026-11-20T08:00:01.123Z").toEpochMilli());
    }

    @Test
    void ranksFollowTheOrderOfTheAnswer() throws IOException {
        Read read = read(CuratedTables.TOP_TRACKS, topTracks(track(""), track(""), track("")));

        assertThat(read.rows).extracting(row -> row.get("rank")).containsExactly(1, 2, 3);
    }

    @Test
    void fieldsSpotifyLeavesOutAreNullInNullableColumns() throws IOException {
        String oldAlbum = track("").replace("\"release_date\":\"2004-06-15\",", "")
                .replace(",\"is_playable\":true", "")
                .replace("\"external_ids\":{\"isrc\":\"USIR20400274\"},", "");

        Map<String, Object> row = read(CuratedTables.TOP_TRACKS, topTracks(oldAlbum)).rows.get(0);

        assertThat(row).containsEntry("album_release_date", null).containsEntry("is_playable", null)
                .containsEntry("isrc", null);
    }

    @Test
    void imagesWithoutSizesGiveTheFirstListedAndSizedImagesGiveTheLargest() throws IOException {
        String sizeless = track("").replaceAll("\"height\":\\d+,\"width\":\\d+", "\"height\":null,\"width\":null");
        String smallFirst = track("").replace("\"images\":[", "\"images\":[{\"url\":\"https://i.scdn.co/image/1\",\"height\":1,\"width\":1},");

        assertThat(read(CuratedTables.TOP_TRACKS, topTracks(sizeless)).rows.get(0)).containsEntry("image_url", "https://i.scdn.co/image/640");
        assertThat(read(CuratedTables.TOP_TRACKS, topTracks(smallFirst)).rows.get(0)).containsEntry("image_url", "https://i.scdn.co/image/640");
        assertThat(read(CuratedTables.TOP_TRACKS, topTracks(track("").replaceAll("\"images\":\\[[^]]*]", "\"images\":[]"))).rows.get(0))
                .containsEntry("image_url", null);
    }

    @Test
    void unknownFieldsAnywhereAreIgnored() throws IOException {
        String extra = track(",\"new_field\":{\"deep\":[1,{\"x\":null}]},\"id_v2\":\"x\"")
                .replace("\"album\":{", "\"album\":{\"label\":{\"name\":\"Island\"},");
        String line = "{\"trace\":[{\"a\":1}]," + ENVELOPE + ",\"body\":{\"next\":null,\"tracks\":[" + extra + "]}}";

        Read read = read(CuratedTables.TOP_TRACKS, line);

        assertThat(read.rejects).isEmpty();
        assertThat(read.rows.get(0)).containsEntry("track_id", "3n3Ppam7vgaVa1iaRUc9Lp").containsEntry("album_name", "Hot Fuss");
    }

    @Test
    void envelopeFieldsMayComeAfterTheBody() throws IOException {
        String line = "{\"body\":{\"tracks\":[" + track("") + "]}," + ENVELOPE + "}";

        assertThat(read(CuratedTables.TOP_TRACKS, line).rows.get(0)).containsEntry("artist_id", "0TnOYISbd1XYRBk9myaseg");
    }

    @Test
    void wholeNumbersInIntColumnsAreTakenAndFractionsAreRejected() throws IOException {
        Read read = read(CuratedTables.TOP_TRACKS, topTracks(
                track("").replace("\"duration_ms\":222075", "\"duration_ms\":222075.0"),
                track("").replace("\"popularity\":84", "\"popularity\":84.5")));

        assertThat(read.rows).singleElement().satisfies(row -> assertThat(row).containsEntry("duration_ms", 222075));
        assertThat(read.rejects).containsExactly("2: popularity (@.popularity): expected an integer, got 84.5");
    }

    @Test
    void valuesOfTheWrongTypeRejectTheirRowWithTheReason() throws IOException {
        Read read = read(CuratedTables.TOP_TRACKS, topTracks(
                track("").replace("\"popularity\":84", "\"popularity\":\"high\""),
                track("").replace("\"explicit\":false", "\"explicit\":\"no\""),
                track("").replace("\"name\":\"Mr. Brightside\"", "\"name\":{\"en\":\"Mr. Brightside\"}"),
                track("").replace("\"external_ids\":{\"isrc\":\"USIR20400274\"}", "\"external_ids\":\"USIR20400274\""),
                track("")));

        assertThat(read.records).isEqualTo(5);
        assertThat(read.rows).hasSize(1);
        assertThat(read.rejects).containsExactly(
                "1: popularity (@.popularity): expected an integer, got a string \"high\"",
                "2: explicit (@.explicit): expected true or false, got a string \"no\"",
                "3: track_name (@.name): expected a string, got an object",
                "4: @.external_ids: expected an object, got a string \"USIR20400274\"");
    }

    @Test
    void aMissingRequiredFieldRejectsTheRow() throws IOException {
        Read read = read(CuratedTables.TOP_TRACKS, topTracks(track("").replace("\"id\":\"3n3Ppam7vgaVa1iaRUc9Lp\",", "")));

        assertThat(read.rejects).containsExactly("1: track_id (@.id): missing, and the column is required");
    }

    @Test
    void aBrokenEnvelopeRejectsEveryRowOfItsLine() throws IOException {
        String line = topTracks(track(""), track("")).replace("\"fetched_at\":\"2026-11-20T08:00:01.123Z\"", "\"fetched_at\":\"yesterday\"");

        Read read = read(CuratedTables.TOP_TRACKS, line);

        assertThat(read.rejects).containsExactly(
                "1: fetched_at ($.fetched_at): expected an ISO-8601 instant such as 2026-11-20T08:00:01.123Z, got \"yesterday\"",
                "2: fetched_at ($.fetched_at): expected an ISO-8601 instant such as 2026-11-20T08:00:01.123Z, got \"yesterday\"");
    }

    @Test
    void aLineWithoutItsArrayOfRowsIsOneRejectedRecord() throws IOException {
        Read missing = read(CuratedTables.TOP_TRACKS, "{" + ENVELOPE + ",\"body\":{\"error\":\"gone\"}}");
        Read notArray = read(CuratedTables.TOP_TRACKS, "{" + ENVELOPE + ",\"body\":{\"tracks\":{}}}");

        assertThat(missing.records).isEqualTo(1);
        assertThat(missing.rejects).containsExactly("0: $.body.tracks[*]: missing, expected an array of rows");
        assertThat(notArray.rejects).containsExactly("0: $.body.tracks[*]: expected an array of rows, got an object");
    }

    @Test
    void anEmptyAnswerHoldsNoRecords() throws IOException {
        Read read = read(CuratedTables.TOP_TRACKS, topTracks());

        assertThat(read.records).isZero();
        assertThat(read.rows).isEmpty();
        assertThat(read.rejects).isEmpty();
    }

    @Test
    void integersInDoubleColumnsBecomeDoubles() throws IOException {
        Read read = read(CuratedTables.AUDIO_FEATURES, audioFeatures(List.of("3n3Ppam7vgaVa1iaRUc9Lp"),
                features("3n3Ppam7vgaVa1iaRUc9Lp").replace("\"instrumentalness\":0.0000309", "\"instrumentalness\":0")
                        .replace("\"acousticness\":0.00121", "\"acousticness\":1")));

        Map<String, Object> row = read.rows.get(0);
        assertThat(row.get("instrumentalness")).isEqualTo(0.0);
        assertThat(row.get("acousticness")).isEqualTo(1.0);
        assertThat(row.get("danceability")).isEqualTo(0.352);
        assertThat(row.get("key")).isEqualTo(1);
    }

    @Test
    void aNullAudioFeaturesEntryIsARejectNamingTheAskedId() throws IOException {
        Read read = read(CuratedTables.AUDIO_FEATURES, audioFeatures(
                List.of("3n3Ppam7vgaVa1iaRUc9Lp", "0000000000000000000000", "7ouMYWpwJ422jRcDASZB7P"),
                features("3n3Ppam7vgaVa1iaRUc9Lp"), "null", features("7ouMYWpwJ422jRcDASZB7P")));

        assertThat(read.records).isEqualTo(3);
        assertThat(read.rows).extracting(row -> row.get("track_id")).containsExactly("3n3Ppam7vgaVa1iaRUc9Lp", "7ouMYWpwJ422jRcDASZB7P");
        assertThat(read.rejects).containsExactly("2: unknown track id 0000000000000000000000");
    }

    @Test
    void anArtistLineIsOneRowWithItsGenresJoined() throws IOException {
        Read read = read(CuratedTables.ARTISTS, "{\"id\":\"0TnOYISbd1XYRBk9myaseg\",\"name\":\"Pitbull\","
                + "\"followers\":12000000000,\"popularity\":80,\"url\":\"https://open.spotify.com/artist/0TnOYISbd1XYRBk9myaseg\","
                + "\"image_url\":null,\"genres\":[\"dance pop\",\"miami hip hop\"],\"extracted_at\":\"2026-11-20T00:00:00.000Z\"}");

        assertThat(read.rows.get(0)).containsEntry("followers", 12_000_000_000L).containsEntry("image_url", null)
                .containsEntry("genres", "dance pop, miami hip hop").containsEntry("popularity", 80);
    }

    @Test
    void anArtistWithoutFollowersOrGenresHasNulls() throws IOException {
        Read read = read(CuratedTables.ARTISTS, "{\"id\":\"0TnOYISbd1XYRBk9myaseg\",\"name\":\"Pitbull\","
                + "\"genres\":[],\"extracted_at\":\"2026-11-20T00:00:00.000Z\"}");

        assertThat(read.rows.get(0)).containsEntry("followers", null).containsEntry("genres", null);
    }

    @Test
    void aLineThatIsNotAnObjectIsRejectedWhole() throws IOException {
        Read read = read(CuratedTables.ARTISTS, "[1,2,3]");

        assertThat(read.records).isEqualTo(1);
        assertThat(read.rejects).containsExactly("0: expected a JSON object per line, got an array");
    }

    // ---- raw lines

    static String track(String extraFields) {
        return "{\"album\":{\"album_type\":\"album\",\"artists\":[{\"id\":\"0C0XlULifJtAgn6ZNCW2eu\",\"name\":\"The Killers\"}],"
                + "\"id\":\"4OHNH3sDzIxnmUADXzv2kT\",\"images\":[{\"url\":\"https://i.scdn.co/image/640\",\"height\":640,\"width\":640},"
                + "{\"url\":\"https://i.scdn.co/image/300\",\"height\":300,\"width\":300}],\"name\":\"Hot Fuss\","
                + "\"release_date\":\"2004-06-15\",\"release_date_precision\":\"day\",\"total_tracks\":11},"
                + "\"artists\":[{\"id\":\"0C0XlULifJtAgn6ZNCW2eu\",\"name\":\"The Killers\"}],\"disc_number\":1,"
                + "\"duration_ms\":222075,\"explicit\":false,\"external_ids\":{\"isrc\":\"USIR20400274\"},"
                + "\"external_urls\":{\"spotify\":\"https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp\"},"
                + "\"id\":\"3n3Ppam7vgaVa1iaRUc9Lp\",\"is_local\":false,\"name\":\"Mr. Brightside\",\"popularity\":84,"
                + "\"preview_url\":null,\"track_number\":2,\"type\":\"track\",\"is_playable\":true" + extraFields + "}";
    }

    static String topTracks(String... tracks) {
        return "{" + ENVELOPE + ",\"body\":{\"tracks\":[" + String.join(",", tracks) + "]}}";
    }

    static String features(String id) {
        return "{\"danceability\":0.352,\"energy\":0.911,\"key\":1,\"loudness\":-5.23,\"mode\":1,\"speechiness\":0.0747,"
                + "\"acousticness\":0.00121,\"instrumentalness\":0.0000309,\"liveness\":0.0995,\"valence\":0.236,"
                + "\"tempo\":148.033,\"type\":\"audio_features\",\"id\":\"" + id + "\",\"duration_ms\":222200,\"time_signature\":4}";
    }

    static String audioFeatures(List<String> ids, String... entries) {
        return "{\"ids\":[" + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList())
                + "],\"fetched_at\":\"2026-11-20T08:00:01.123Z\",\"status\":200,\"body\":{\"audio_features\":["
                + String.join(",", entries) + "]}}";
    }

    // ---- reading

    private record Read(long records, List<Map<String, Object>> rows, List<String> rejects) {
    }

    private static Read read(TableMapping mapping, String line) throws IOException {
        LineReader reader = new LineReader(Projection.compile(mapping));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        try (JsonParser json = RawPartStream.JSON.getFactory().createParser(line)) {
            json.nextToken();
            long records = reader.read(json, new LineReader.Sink() {
                @Override
                public void row(Object[] values) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    List<Column> columns = mapping.columns();
                    for (int i = 0; i < values.length; i++) {
                        // copied: the reader reuses its Utf8 text for later lines
                        row.put(columns.get(i).name(), values[i] instanceof Utf8 text ? text.toString() : values[i]);
                    }
                    rows.add(row);
                }

                @Override
                public void reject(int position, String reason) {
                    rejects.add(position + ": " + reason);
                }
            });
            return new Read(records, rows, rejects);
        }
    }
}
