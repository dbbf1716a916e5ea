package dev.spotifylake.fetch;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotifylake.common.TaskSummary;

/**
 * Runs a fetch from the chosen source. With {@link SourceChoice#AUTO}, Spotify first; when Spotify refuses the
 * endpoint to the app (403), the dt's whole fetch goes to ReccoBeats, with one WARN line that says why and what
 * Extended Quota Mode would change. A version of the partition holds one source's answers ({@link RawFetch}), so
 * a switch, a resume after a kill or a --force never mixes them.
 */
final class SourcedFetch {
    private static final Logger log = LoggerFactory.getLogger(SourcedFetch.class);

    private final SourceChoice choice;
    private final Supplier<TaskSummary> spotify;
    private final Supplier<TaskSummary> reccoBeats;
    private final String withExtendedQuota;

    /**
     * @param withExtendedQuota what the dataset would gain from Spotify with Extended Quota Mode, for the WARN line
     */
    SourcedFetch(SourceChoice choice, Supplier<TaskSummary> spotify, Supplier<TaskSummary> reccoBeats,
            String withExtendedQuota) {
        this.choice = requireNonNull(choice, "choice is null");
        this.spotify = requireNonNull(spotify, "spotify is null");
        this.reccoBeats = requireNonNull(reccoBeats, "reccoBeats is null");
        this.withExtendedQuota = requireNonNull(withExtendedQuota, "withExtendedQuota is null");
    }

    TaskSummary run() {
        return switch (choice) {
            case SPOTIFY -> spotify.get();
            case RECCOBEATS -> reccoBeats.get();
            case AUTO -> spotifyElseReccoBeats();
        };
    }

    private TaskSummary spotifyElseReccoBeats() {
        try {
            return spotify.get();
        } catch (EndpointRefused e) {
            log.warn("{} Taking this dt from ReccoBeats instead (--source auto). With Extended Quota Mode the app "
                    + "would get {}.", e.refusal(), withExtendedQuota);
            return reccoBeats.get();
        }
    }
}
