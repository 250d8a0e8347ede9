package dev.flinkopslab.exercises.latency.wrongfixes;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;

import dev.flinkopslab.exercises.latency.LatencyExercise;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong fixes of exercise 3 that the measured check must FAIL, with the figure that catches each. */
class LatencyWrongFixesTest {
    @TempDir
    Path reports;

    @Test
    void earlyFiringResultsAreWrongAndLeaveBeforeTheirWindowEnds() {
        assertFailsOn(new LatencyExercise(), new EarlyFiringWindowParts(), reports,
                "window results equal to the reference", "earliest result");
    }

    @Test
    void aBoundBelowTheOutOfOrdernessLosesReadings() {
        assertFailsOn(new LatencyExercise(), new ShortBoundParts(), reports, "window results equal to the reference");
    }
}
