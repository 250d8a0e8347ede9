package dev.flinkopslab.exercises.checkpoints;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;

import dev.flinkopslab.exercises.checkpoints.solution.CheckpointSettingsSolution;
import dev.flinkopslab.exercises.checkpoints.solution.DeduplicateReadingsSolution;
import dev.flinkopslab.exercises.checkpoints.wrongfixes.DropReadingsNotNewer;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong fixes of exercise 6 that the measured check must FAIL, with the figure that catches each. */
class CheckpointTuningWrongFixesTest {
    @TempDir
    Path reports;

    /** State expiry fixed; under back pressure "the checkpoints time out, so give them longer": 30 s, still aligned. */
    @Test
    void aLongerTimeoutInsteadOfUnalignedCheckpointsKeepsThemSlow() {
        assertFailsOn(new CheckpointTuningExercise(), CheckpointTuningExercise.parts(new DeduplicateReadingsSolution(),
                conf -> {
                    CheckpointSettings.apply(conf);
                    conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(30));
                }), reports, "checkpoint duration p90");
    }

    /** Checkpoints fixed; the state kept small by deduplicating on the latest timestamp: readings are lost. */
    @Test
    void deduplicatingOnTheLatestTimestampDropsOutOfOrderReadings() {
        assertFailsOn(new CheckpointTuningExercise(), CheckpointTuningExercise.parts(new DropReadingsNotNewer(),
                CheckpointSettingsSolution::apply), reports, "window results equal to the reference");
    }
}
