package dev.spotifylake.simulator.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotifylake.simulator.catalog.Catalog;
import dev.spotifylake.simulator.catalog.SpotifyIds;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MysqlSeedTest {
    private static final Pattern ROW_ID = Pattern.compile("^\\('([^']+)', ", Pattern.MULTILINE);

    private final Catalog catalog = new Catalog(42, 2_500);

    @Test
    void everyCatalogArtistIsSeededOnceThenTheUnknownAndMalformedIds() throws IOException {
        MysqlSeed seed = new MysqlSeed(catalog, 3, 3, 1_000);

        String sql = write(seed);

        assertThat(count(sql, "INSERT INTO artists ")).as("batches of 1,000 rows").isEqualTo(3);
        assertThat(rowIdsOf(sql)).startsWith(catalog.artistId(0), catalog.artistId(1))
                .contains(catalog.artistId(2_499)).doesNotHaveDuplicates()
                .containsAll(seed.unknownIds()).containsAll(seed.malformedIds());
        assertThat(seed.unknownIds()).allSatisfy(id -> {
            assertThat(SpotifyIds.isWellFormed(id)).isTrue();
            assertThat(catalog.findArtist(id)).isEmpty();
        });
        assertThat(seed.malformedIds()).hasSize(3).noneMatch(SpotifyIds::isWellFormed);
    }

    @Test
    void theSqlIsIdempotent() throws IOException {
        String sql = write(new MysqlSeed(catalog, 3, 1, 1_000));

        assertThat(count(sql, "INSERT INTO ")).isEqualTo(count(sql, "ON DUPLICATE KEY UPDATE "));
        assertThat(sql).doesNotContain("REPLACE", "DELETE", "DROP");
    }

    @Test
    void theRowsAreTheCatalogsArtistsAndGenres() throws IOException {
        var artist = catalog.artist(1);

        String sql = write(new MysqlSeed(new Catalog(42, 2), 0, 0, 1_000));

        String followers = artist.followers() == null ? "NULL" : artist.followers().toString();
        assertThat(sql).contains("('" + artist.id() + "', '" + artist.name().replace("'", "''") + "', "
                + followers + ", " + artist.popularity() + ", '" + artist.url() + "', ");
        artist.genres().forEach(genre -> assertThat(sql).contains("('" + artist.id() + "', '" + genre + "')"));
    }

    @Test
    void quotesInNamesAreDoubledAndNullsStayNull() throws IOException {
        String sql = write(new MysqlSeed(catalog, 0, 0, 1_000));

        assertThat(sql).contains("O''Connell").doesNotContain("O'Connell").contains(", NULL, ");
        assertThat(MysqlSeed.string("D'Amico")).isEqualTo("'D''Amico'");
        assertThatThrownBy(() -> MysqlSeed.string("back\\slash")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameSeedWritesTheSameSql() throws IOException {
        assertThat(write(new MysqlSeed(new Catalog(42, 500), 3, 1, 100)))
                .isEqualTo(write(new MysqlSeed(new Catalog(42, 500), 3, 1, 100)));
    }

    @Test
    void aHundredThousandArtistsAreWrittenInAHundredStatements() throws IOException {
        StringWriter out = new StringWriter();

        MysqlSeed.Summary summary = new MysqlSeed(new Catalog(42, 100_000), 3, 1, 1_000).write(out);

        assertThat(summary.artists()).isEqualTo(100_000);
        assertThat(summary.genreRows()).isGreaterThan(100_000);
        assertThat(count(out.toString(), "INSERT INTO artists ")).isEqualTo(101);
    }

    private static String write(MysqlSeed seed) throws IOException {
        StringWriter out = new StringWriter();
        seed.write(out);
        return out.toString();
    }

    private static List<String> rowIdsOf(String sql) {
        String artistsOnly = sql.replaceAll("(?s)INSERT INTO artist_genres.*?;\\n", "");
        List<String> ids = new ArrayList<>();
        Matcher matcher = ROW_ID.matcher(artistsOnly);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
