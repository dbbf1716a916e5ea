package dev.spotifylake.extract;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.LakePaths;
import dev.spotifylake.raw.RawJson;
import dev.spotifylake.raw.RawPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code extract-artists --dt D}: streams MySQL's {@code artists} (with {@code artist_genres}) into
 * raw/artists/dt=D/ as gzip NDJSON part files, then writes {@code _manifest.json} and, last, an empty
 * {@code _failures.json}, which marks the snapshot complete as it does every raw partition. The fetch tasks read
 * this snapshot, never MySQL again.
 *
 * <p>Idempotent: once the snapshot is complete, a re-run reads nothing and exits 0 (--force extracts again and
 * replaces the parts). Exit codes: 0 done; 99 the table is empty; 1 MySQL or S3 unreachable; 2 bad
 * configuration, refused login, missing table.
 */
@Command(name = "extract-artists", mixinStandardHelpOptions = true,
        description = {"Streams the artists table (and artist_genres) from MySQL into raw/artists/dt=D/ as gzip "
                + "NDJSON, one line per artist, then _manifest.json and, last, _failures.json (empty), which marks "
                + "the snapshot complete.",
                "Memory stays flat whatever the table's size. When the snapshot of dt already exists nothing is "
                        + "read and the task exits 0, unless --force."},
        footer = "%n" + ExitCode.HELP_LIST)
public final class ExtractArtistsCommand extends TaskCommand {
    private static final Logger log = LoggerFactory.getLogger(ExtractArtistsCommand.class);
    private static final String TASK = "extract-artists";

    @Mixin
    private LakeOptions lake;

    @Mixin
    private MysqlOptions mysql;

    @Option(names = "--artists-per-part", paramLabel = "N", defaultValue = "100000",
            description = "Artists per part file (default: ${DEFAULT-VALUE}).")
    private int artistsPerPart;

    @Option(names = "--force",
            description = "Extract again even when raw/artists/dt=D/ is already complete, replacing its files.")
    private boolean force;

    @Override
    protected TaskSummary run() {
        try (LakeConnection connection = lake.connect()) {
            RawPartition partition = new RawPartition(connection.store(), Dataset.ARTISTS, dt());
            String location = connection.store().root().uriOf(partition.location());
            if (!force && partition.isComplete()) {
                log.info("{} is already complete: nothing to extract (use --force to extract again)", location);
                JsonNode manifest = partition.readJson(LakePaths.MANIFEST_FILE).orElseGet(MissingNode::getInstance);
                return TaskSummary.done(TASK, dt()).with("artists", manifest.path("artists").asLong())
                        .with("parts", manifest.path("parts").size()).with("already_complete", true)
                        .with("location", location);
            }
            partition.delete(List.of(partition.key(LakePaths.FAILURES_FILE), partition.key(LakePaths.MANIFEST_FILE)));
            Instant extractedAt = Instant.now();
            List<ArtistExtractor.Part> parts = extract(partition, extractedAt);
            deleteStaleParts(partition, parts);
            long artists = parts.stream().mapToLong(ArtistExtractor.Part::artists).sum();
            if (artists == 0) {
                log.info("the artists table is empty: nothing to extract for dt={}", dt());
                return TaskSummary.nothingToDo(TASK, dt()).with("artists", 0);
            }
            partition.writeJson(LakePaths.MANIFEST_FILE, manifest(parts, artists, extractedAt));
            partition.markComplete(List.of());
            log.info("extracted {} artists into {} part files under {}", artists, parts.size(), location);
            return TaskSummary.done(TASK, dt()).with("artists", artists).with("parts", parts.size())
                    .with("location", location);
        }
    }

    private List<ArtistExtractor.Part> extract(RawPartition partition, Instant extractedAt) {
        try (Connection connection = mysql.connect()) {
            return new ArtistExtractor(partition, artistsPerPart).extract(connection, extractedAt);
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot close the MySQL connection", e);
        }
    }

    /** Parts of an earlier, longer extract of the same dt are not part of this snapshot. */
    private static void deleteStaleParts(RawPartition partition, List<ArtistExtractor.Part> parts) {
        Set<String> written = parts.stream().map(part -> partition.key(part.file())).collect(Collectors.toSet());
        partition.delete(partition.partKeys().stream().filter(key -> !written.contains(key)).toList());
    }

    private Map<String, Object> manifest(List<ArtistExtractor.Part> parts, long artists, Instant extractedAt) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("dataset", Dataset.ARTISTS.folder());
        manifest.put("dt", dt().toString());
        manifest.put("complete", true);
        manifest.put("extracted_at", RawJson.instant(extractedAt));
        manifest.put("written_at", RawJson.instant(Instant.now()));
        manifest.put("artists", artists);
        manifest.put("parts", parts);
        return manifest;
    }
}
