package dev.flinkopslab.exercises.metrics;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;

import dev.flinkopslab.exercises.metrics.solution.DeserializeMeasurementsSolution;
import dev.flinkopslab.exercises.metrics.solution.EmitWindowResultsSolution;
import dev.flinkopslab.exercises.metrics.solution.MetricsReportingSolution;
import dev.flinkopslab.exercises.metrics.wrongfixes.CountedTwice;
import dev.flinkopslab.exercises.metrics.wrongfixes.LagFromTheWatermark;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong fixes of exercise 8 that the measured check must FAIL, with the figure that catches each. */
class MetricsMonitoringWrongFixesTest {
    @TempDir
    Path reports;

    @Test
    void aLagMeasuredFromTheWatermarkIsAlwaysAboutZero() {
        assertFailsOn(new MetricsMonitoringExercise(), MetricsMonitoringExercise.parts(
                () -> new DeserializeMeasurementsSolution(MeasurementPipeline.DEAD_LETTERS), LagFromTheWatermark::new,
                MetricsReportingSolution::apply), reports, "eventTimeLag p50");
    }

    @Test
    void malformedRecordsCountedTwice() {
        assertFailsOn(new MetricsMonitoringExercise(), MetricsMonitoringExercise.parts(
                () -> new CountedTwice(MeasurementPipeline.DEAD_LETTERS), EmitWindowResultsSolution::new,
                MetricsReportingSolution::apply), reports, "numInvalidRecords ÷");
    }
}
