package dev.flinkopslab.exercises.metrics;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;

import dev.flinkopslab.exercises.metrics.solution.DeserializerMetricsSolution;
import dev.flinkopslab.exercises.metrics.solution.MetricsReportingSolution;
import dev.flinkopslab.exercises.metrics.solution.WindowResultMetricsSolution;
import dev.flinkopslab.exercises.metrics.wrongfixes.CountedTwice;
import dev.flinkopslab.exercises.metrics.wrongfixes.CounterRegisteredPerRecord;
import dev.flinkopslab.exercises.metrics.wrongfixes.LagInSeconds;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong fixes of exercise 8 that the measured check must FAIL, with the figure that catches each. */
class MetricsMonitoringWrongFixesTest {
    @TempDir
    Path reports;

    @Test
    void aLagInWholeSecondsIsAlmostAlwaysZero() {
        assertFailsOn(new MetricsMonitoringExercise(), MetricsMonitoringExercise.parts(DeserializerMetricsSolution::new,
                LagInSeconds::new, MetricsReportingSolution::apply), reports, "eventTimeLag p50");
    }

    @Test
    void malformedRecordsCountedTwice() {
        assertFailsOn(new MetricsMonitoringExercise(), MetricsMonitoringExercise.parts(CountedTwice::new,
                WindowResultMetricsSolution::new, MetricsReportingSolution::apply), reports, "numInvalidRecords ÷");
    }

    @Test
    void aCounterRegisteredPerRecordCountsOnlyTheFirst() {
        assertFailsOn(new MetricsMonitoringExercise(), MetricsMonitoringExercise.parts(CounterRegisteredPerRecord::new,
                WindowResultMetricsSolution::new, MetricsReportingSolution::apply), reports, "numInvalidRecords ÷");
    }
}
