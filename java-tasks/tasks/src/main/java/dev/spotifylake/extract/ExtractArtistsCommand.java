package dev.spotifylake.extract;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spotifylake.common.AtLeast;
import dev.spotifylake.common.LateSnapshotOptions;
import dev.spotifylake.common.LateSnapshots;
import dev.spotifylake.common.TaskCommand;
import dev.spotifylake.common.TaskSummary;
import dev.spotifylake.lake.Dataset;
import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.raw.RawJson;
import dev.spotifylake.raw.RawPartition;
import dev.spotifylake.raw.RawVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code extract-artists --dt D}: streams MySQL's {@code artists} (with {@code artist_genres}) into a new version
 * of raw/artists/dt=D/ as gzip NDJSON part files with its {@code _failures.json} (the ids that are not Spotify
 * ids, left out), then writes the partition's pointer, {@code _manifest.json}, last, which switches the snapshot to
 * that version as it does every raw partition. The fetch tasks read this snapshot, never MySQL again.
 *
 * <p>A past dt without a snapshot gets MySQL's current state, marked late in the manifest ({@code late},
 * {@code late_days}), as the fetches do; more than --max-late-days back, nothing is read and the task skips.
 *
 * <p>Idempotent: once the snapshot is complete, a re-run reads nothing and exits 0 (--force extracts a new
 * version; the previous one stays readable until it is complete). Exit codes: 0 done; 99 the table holds no
 * artist, or a dt too far in the past (--max-late-days); 1 MySQL or S3 unreachable; 2 bad configuration, a JDBC
 * URL that is not MySQL's, refused login, missing table.
 */
@Command(name = "extract-artists",
        header = "Snapshots MySQL's artists into raw/artists.",
        description = {"Streams the artists table (and artist_genres) from MySQL into raw/artists/dt=D/ as gzip "
                + "NDJSON, one line per artist, with _failures.json (ids that are not Spotify ids), then, last, "
                + "_manifest.json, which marks the snapshot complete.",
                "Memory stays flat whatever the table's size. When the snapshot of dt already exists nothing is "
                        + "read and the task exits 0, unless --force.",
                "A past dt gets MySQL's current state as a late snapshot, up to --max-late-days back; older, the "
                        + "task exits 99."})
public final class ExtractArtistsCommand extends TaskCommand {
    private static final Logger log = LoggerFactory.getLogger(ExtractArtistsCommand.class);
    private static final String TASK = "extract-artists";

    @Mixin
    private MysqlOptions mysql;

    @Mixin
    private LateSnapshotOptions late;

    @Option(names = "--artists-per-part", paramLabel = "N", defaultValue = "100000", converter = AtLeast.One.class,
            description = "Artists per part file (default: ${DEFAULT-VALUE}).")
    private int artistsPerPart;

    @Option(names = "--force",
            description = "Extract again even when raw/artists/dt=D/ is already complete, into a new version: the "
                    + "complete one stays what readers see until the new one is complete.")
    private boolean force;

    @Override
    protected TaskSummary run() {
        try (LakeConnection connection = lake().connect()) {
            RawPartition partition = new RawPartition(connection.store(), Dataset.ARTISTS, dt());
            String location = connection.store().root().uriOf(partition.location());
            Optional<RawVersion> complete = force ? Optional.empty() : partition.complete();
            if (complete.isPresent()) {
                log.info("{} is already complete: nothing to extract (use --force to extract again)", location);
                JsonNode manifest = complete.get().summary();
                return TaskSummary.done(TASK, dt()).with("artists", manifest.path("artists").asLong())
                        .with("parts", manifest.path("parts").size()).with("already_complete", true)
                        .with("location", location);
            }
            LateSnapshots snapshots = late.rule();
            Optional<TaskSummary> tooLate = snapshots.skipIfTooLate(TASK, dt());
            if (tooLate.isPresent()) {
                return tooLate.get();
            }
            long lateDays = snapshots.lateDays(dt());
            Instant extractedAt = Instant.now();
            RawVersion version = partition.startVersion(extractedAt);
            ArtistExtractor.Result extract = extract(version, extractedAt);
            if (!extract.invalid().isEmpty()) {
                log.warn("{} artist ids of MySQL are not Spotify ids (22 base-62 characters) and were left out, e.g. '{}'",
                        extract.invalid().size(), extract.invalid().get(0).get("id"));
            }
            if (extract.artists() == 0) {
                log.info("the artists table holds no artist with a Spotify id: nothing to extract for dt={}", dt());
                return TaskSummary.nothingToDo(TASK, dt()).with("artists", 0).with("invalid_ids", extract.invalid().size());
            }
            Map<String, Long> linesByPart = new LinkedHashMap<>();
            extract.parts().forEach(part -> linesByPart.put(part.file(), part.artists()));
            partition.commit(version, linesByPart, null, manifest(extract, extractedAt, lateDays), extract.invalid(), Instant.now());
            if (lateDays > 0) {
                log.warn("late snapshot: dt={} records the artists of MySQL as they are {} days later", dt(), lateDays);
            }
            log.info("extracted {} artists into {} part files under {}", extract.artists(), extract.parts().size(),
                    connection.store().root().uriOf(version.folder()));
            return TaskSummary.done(TASK, dt()).with("artists", extract.artists()).with("parts", extract.parts().size())
                    .with("invalid_ids", extract.invalid().size()).with("late", lateDays > 0)
                    .with("version", version.name()).with("location", location);
        }
    }

    private ArtistExtractor.Result extract(RawVersion version, Instant extractedAt) {
        try (Connection connection = mysql.connect()) {
            return new ArtistExtractor(version, artistsPerPart).extract(connection, extractedAt);
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot close the MySQL connection", e);
        }
    }

    private Map<String, Object> manifest(ArtistExtractor.Result extract, Instant extractedAt, long lateDays) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("extracted_at", RawJson.instant(extractedAt));
        manifest.put("artists", extract.artists());
        manifest.put("invalid_ids", extract.invalid().size());
        manifest.put("late", lateDays > 0);
        manifest.put("late_days", lateDays);
        manifest.put("parts", extract.parts());
        return manifest;
    }
}
