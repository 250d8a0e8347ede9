package dev.flinkopslab.exercises.latency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.WindowHarness;
import dev.flinkopslab.exercises.latency.solution.WindowResultPartsSolution;
import dev.flinkopslab.exercises.latency.wrongfixes.EarlyFiringWindowParts;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The window computation of exercise 3's parts, as the job builds it (1 s event-time windows per location), in
 * Flink's keyed operator harness: readings and watermarks in, window results out.
 */
class WindowResultPartsTest {

    static KeyedOneInputStreamOperatorTestHarness<String, Measurement, WindowResult> windows(PipelineParts parts) throws Exception {
        return WindowHarness.of(parts);
    }

    static Measurement reading(String location, long timestamp, long valueCenti) {
        return new Measurement(location.substring(0, 3).toUpperCase() + "-001", location, 0, 0, timestamp, valueCenti, "°C", 80, "2.1.0");
    }

    static List<WindowResult> run(PipelineParts parts) throws Exception {
        try (var h = windows(parts)) {
            h.processElement(reading("Berlin", 100, 2_000), 100);
            h.processElement(reading("Berlin", 900, 1_000), 900);
            h.processElement(reading("Oslo", 500, -300), 500);
            h.processWatermark(999);
            h.processElement(reading("Berlin", 1_200, 500), 1_200);
            h.processWatermark(1_999);
            return h.extractOutputValues();
        }
    }

    static final List<WindowResult> EXPECTED = List.of(
            new WindowResult("Berlin", 0, 1_000, 2, 3_000, 1_000, 2_000),
            new WindowResult("Oslo", 0, 1_000, 1, -300, -300, -300),
            new WindowResult("Berlin", 1_000, 2_000, 1, 500, 500, 500));

    @Test
    void theSolutionEmitsEachWindowOnceWhenTheWatermarkPassesItsEnd() throws Exception {
        assertThat(run(new WindowResultPartsSolution())).containsExactlyInAnyOrderElementsOf(EXPECTED);
        Configuration conf = new Configuration();
        new WindowResultPartsSolution().configure(conf, PipelineConfig.defaults());
        assertThat(conf.get(PipelineOptions.AUTO_WATERMARK_INTERVAL)).isEqualTo(Duration.ofMillis(20));
        assertThat(conf.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void asShippedTheResultsAreRightButWatermarksAndBuffersWaitSeconds() throws Exception {
        ShippedCode.assumeShipped("the test of WindowResultParts as shipped", new LatencyExercise());
        assertThat(run(new WindowResultParts())).containsExactlyInAnyOrderElementsOf(EXPECTED);
        Configuration conf = new Configuration();
        new WindowResultParts().configure(conf, PipelineConfig.defaults());
        assertThat(conf.get(PipelineOptions.AUTO_WATERMARK_INTERVAL)).isEqualTo(Duration.ofSeconds(2));
        assertThat(conf.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anEarlyFiringTriggerEmitsPartialResultsBeforeTheWindowEnds() throws Exception {
        List<WindowResult> results = run(new EarlyFiringWindowParts());
        assertThat(results).hasSizeGreaterThan(EXPECTED.size()).containsAll(EXPECTED);
    }
}
