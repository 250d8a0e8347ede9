package dev.flinkopslab.exercises;

import dev.flinkopslab.exercises.capacity.CapacityExercise;
import dev.flinkopslab.exercises.checkpoints.CheckpointTuningExercise;
import dev.flinkopslab.exercises.failures.FrequentFailuresExercise;
import dev.flinkopslab.exercises.latency.LatencyExercise;
import dev.flinkopslab.exercises.metrics.MetricsMonitoringExercise;
import dev.flinkopslab.exercises.migration.StateMigrationExercise;
import dev.flinkopslab.exercises.reuse.ObjectReuseExercise;
import dev.flinkopslab.exercises.watermarks.WatermarksExercise;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** All exercises, in the order of the training agenda. */
public final class Exercises {
    private static final List<Exercise> ALL = Stream.<Exercise>of(
                    new FrequentFailuresExercise(),
                    new WatermarksExercise(),
                    new LatencyExercise(),
                    new CapacityExercise(),
                    new ObjectReuseExercise(),
                    new CheckpointTuningExercise(),
                    new StateMigrationExercise(),
                    new MetricsMonitoringExercise())
            .sorted(Comparator.comparingInt(Exercise::number))
            .toList();

    private Exercises() {}

    public static List<Exercise> all() {
        return ALL;
    }

    public static Optional<Exercise> byNumber(int number) {
        return ALL.stream().filter(e -> e.number() == number).findFirst();
    }

    /** By number ("1") or slug ("frequent-failures"). */
    public static Optional<Exercise> find(String numberOrSlug) {
        return ALL.stream().filter(e -> Integer.toString(e.number()).equals(numberOrSlug) || e.slug().equals(numberOrSlug))
                .findFirst();
    }
}
