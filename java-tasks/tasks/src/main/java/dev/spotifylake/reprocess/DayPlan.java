package dev.spotifylake.reprocess;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.spotifylake.lake.Dataset;

/**
 * The steps that re-process one day from raw, in the DAG's order and with its dependencies, without its fetches:
 * flatten and load of each raw dataset, the similarity and its load, then repair once the loads are done.
 */
final class DayPlan {
    private static final String FLATTEN = "flatten-to-parquet";
    private static final String LOAD = "load-s3";
    private static final String SIMILARITY = "compute-artist-similarity";
    private static final String REPAIR = "repair-athena-partitions";

    private DayPlan() {
    }

    static List<Step> steps(LocalDate dt) {
        String day = dt.toString();
        List<Step> steps = new ArrayList<>();
        for (Dataset dataset : Dataset.values()) {
            if (!dataset.derived()) {
                steps.add(datasetStep(FLATTEN, dataset, day, List.of()));
                steps.add(datasetStep(LOAD, dataset, day, List.of(name(FLATTEN, dataset))));
            }
        }
        steps.add(new Step(SIMILARITY, List.of(SIMILARITY, "--dt", day),
                List.of(name(LOAD, Dataset.TOP_TRACKS), name(LOAD, Dataset.AUDIO_FEATURES)), false));
        steps.add(datasetStep(LOAD, Dataset.ARTIST_SIMILARITY, day, List.of(SIMILARITY)));
        List<String> loads = Arrays.stream(Dataset.values()).map(dataset -> name(LOAD, dataset)).toList();
        steps.add(new Step(REPAIR, List.of(REPAIR, "--dt", day), loads, true));
        return List.copyOf(steps);
    }

    private static Step datasetStep(String subcommand, Dataset dataset, String day, List<String> needs) {
        return new Step(name(subcommand, dataset), List.of(subcommand, "--dataset", dataset.folder(), "--dt", day),
                needs, false);
    }

    private static String name(String subcommand, Dataset dataset) {
        return subcommand + " " + dataset;
    }
}
