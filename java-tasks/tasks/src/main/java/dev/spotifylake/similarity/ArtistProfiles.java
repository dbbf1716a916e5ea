package dev.spotifylake.similarity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each artist of a day sounds like: the mean of the audio features ({@link AudioFeature#COLUMNS}) over its
 * distinct top tracks that have features. A track is counted once per artist however many markets list it.
 * Artists that cannot take part are set aside with the reason, so that every artist is accounted for.
 */
public final class ArtistProfiles {
    /** Why an artist has no neighbours in the table. */
    public enum SkipReason {
        NO_AUDIO_FEATURES("no audio features"),
        TOO_FEW_TRACKS("fewer tracks with audio features than --min-tracks"),
        NO_OTHER_ARTIST("no other artist to compare with");

        private final String text;

        SkipReason(String text) {
            this.text = text;
        }

        /** The reason as a reject line and the summary say it. */
        public String text() {
            return text;
        }
    }

    /** An artist set aside: its id, why, and how many of its distinct tracks had features. */
    public record Skipped(String artistId, SkipReason reason, int tracks, int tracksWithFeatures) {
    }

    private final List<String> artistIds;
    private final double[][] means;
    private final int[] tracks;
    private final List<Skipped> skipped;

    private ArtistProfiles(List<String> artistIds, double[][] means, int[] tracks, List<Skipped> skipped) {
        this.artistIds = List.copyOf(artistIds);
        this.means = means;
        this.tracks = tracks;
        this.skipped = List.copyOf(skipped);
    }

    /** The artists with a profile, in the order of their ids: the index of an artist is its place here. */
    public List<String> artistIds() {
        return artistIds;
    }

    /** One row per artist of {@link #artistIds()}, one column per feature of {@link AudioFeature#COLUMNS}. */
    public double[][] means() {
        return means;
    }

    /** The tracks with features behind the mean of the artist of this index. */
    public int tracks(int artist) {
        return tracks[artist];
    }

    public List<Skipped> skipped() {
        return skipped;
    }

    /** How many artists were set aside for each reason (every reason listed, 0 when none). */
    public Map<SkipReason, Long> skippedByReason() {
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            counts.put(reason, 0L);
        }
        skipped.forEach(artist -> counts.merge(artist.reason(), 1L, Long::sum));
        return counts;
    }

    /** Every artist seen: those with a profile and those set aside. */
    public int artists() {
        return artistIds.size() + skipped.size();
    }

    /** Gathers a day's top tracks and audio features, in any order, and then computes the profiles. */
    public static final class Builder {
        private final Map<String, Set<String>> tracksByArtist = new TreeMap<>();
        private final Map<String, double[]> featuresByTrack = new HashMap<>();

        /** A top track of an artist (one row of top_tracks: the same pair comes again for each market). */
        public Builder track(String artistId, String trackId) {
            tracksByArtist.computeIfAbsent(artistId, id -> new TreeSet<>()).add(trackId);
            return this;
        }

        /** A track's features, in the order of {@link AudioFeature#COLUMNS}. */
        public Builder features(String trackId, double[] values) {
            if (values.length != AudioFeature.COLUMNS.size()) {
                throw new IllegalArgumentException("expected " + AudioFeature.COLUMNS.size() + " features, got " + values.length);
            }
            featuresByTrack.put(trackId, values.clone());
            return this;
        }

        /** The profiles of the artists with at least {@code minTracks} tracks with features. */
        public ArtistProfiles build(int minTracks) {
            if (minTracks < 1) {
                throw new IllegalArgumentException("minTracks must be at least 1");
            }
            List<String> ids = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>();
            tracksByArtist.forEach((artistId, trackIds) -> {
                // summed in the order of the track ids (a sorted set), so every run gives the same last bits
                double[] sum = new double[AudioFeature.COLUMNS.size()];
                int withFeatures = 0;
                for (String trackId : trackIds) {
                    double[] values = featuresByTrack.get(trackId);
                    if (values != null) {
                        for (int f = 0; f < sum.length; f++) {
                            sum[f] += values[f];
                        }
                        withFeatures++;
                    }
                }
                if (withFeatures == 0) {
                    skipped.add(new Skipped(artistId, SkipReason.NO_AUDIO_FEATURES, trackIds.size(), 0));
                } else if (withFeatures < minTracks) {
                    skipped.add(new Skipped(artistId, SkipReason.TOO_FEW_TRACKS, trackIds.size(), withFeatures));
                } else {
                    for (int f = 0; f < sum.length; f++) {
                        sum[f] /= withFeatures;
                    }
                    ids.add(artistId);
                    rows.add(sum);
                    counts.add(withFeatures);
                }
            });
            if (ids.size() == 1) {
                skipped.add(new Skipped(ids.get(0), SkipReason.NO_OTHER_ARTIST, tracksByArtist.get(ids.get(0)).size(),
                        counts.get(0)));
                ids.clear();
                rows.clear();
                counts.clear();
            }
            return new ArtistProfiles(ids, rows.toArray(double[][]::new), counts.stream().mapToInt(Integer::intValue).toArray(),
                    skipped);
        }
    }
}
