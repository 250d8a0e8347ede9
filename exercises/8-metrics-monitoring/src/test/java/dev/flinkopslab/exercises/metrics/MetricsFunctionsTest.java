package dev.flinkopslab.exercises.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.metrics.solution.DeserializerMetricsSolution;
import dev.flinkopslab.exercises.metrics.solution.MetricsReportingSolution;
import dev.flinkopslab.exercises.metrics.solution.WindowResultMetricsSolution;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.CountInvalidRecords;
import dev.flinkopslab.pipeline.MeasureEventTimeLag;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.ObserveWindowResults;
import dev.flinkopslab.pipeline.ObservedDeserializer;
import dev.flinkopslab.pipeline.ParseMeasurements;
import dev.flinkopslab.pipeline.ParseMetrics;
import dev.flinkopslab.pipeline.ResultMetrics;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Exercise 8's functions in Flink's operator harness, composed as the pipeline composes them: the parse
 * metrics inside the deserializer's operator, the result metrics chained after the windows.
 */
class MetricsFunctionsTest {
    static final String VALID = "{\"sensorId\":\"BER-001\",\"location\":\"Berlin\",\"latitude\":52.5,\"longitude\":13.4,"
            + "\"timestamp\":1000,\"value\":21.5,\"unit\":\"°C\",\"batteryPercent\":80,\"firmware\":\"2.1.0\"}";

    /** One valid and one malformed record through the reference deserializer, observed by {@code metrics}. */
    static OneInputStreamOperatorTestHarness<SourceRecord, Measurement> parse(ParseMetrics metrics) throws Exception {
        var h = ProcessFunctionTestHarnesses.forProcessFunction(
                new ObservedDeserializer(new ParseMeasurements(MeasurementPipeline.DEAD_LETTERS), metrics));
        h.processElement(new SourceRecord(0, 0, 1_000, VALID.getBytes(StandardCharsets.UTF_8)), 1_000);
        h.processElement(new SourceRecord(0, 1, 1_000, "{not json".getBytes(StandardCharsets.UTF_8)), 1_000);
        return h;
    }

    /** A result whose window ended 2 s ago, through the step chained to the windows, observed by {@code metrics}. */
    static List<WindowResult> observe(ResultMetrics metrics) throws Exception {
        long end = System.currentTimeMillis() - 2_000;
        WindowResult result = new WindowResult("Berlin", end - 1_000, end, 2, 3_000, 1_000, 2_000);
        try (var h = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new ObserveWindowResults(metrics)))) {
            h.open();
            h.processElement(result, end);
            return h.extractOutputValues();
        }
    }

    @Test
    void theSolutionCountsEachMalformedRecordOnce() throws Exception {
        DeserializerMetricsSolution metrics = new DeserializerMetricsSolution();
        try (var h = parse(metrics)) {
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(MeasurementPipeline.DEAD_LETTERS)).hasSize(1);
            assertThat(((Counter) field(metrics, CountInvalidRecords.class, "invalidRecords")).getCount()).isEqualTo(1);
        }
    }

    @Test
    void theSolutionRecordsEachResultsLagInMilliseconds() throws Exception {
        WindowResultMetricsSolution metrics = new WindowResultMetricsSolution();
        assertThat(observe(metrics)).hasSize(1);
        Histogram lag = (Histogram) field(metrics, MeasureEventTimeLag.class, "eventTimeLag");
        assertThat(lag.getCount()).isEqualTo(1);
        assertThat(lag.getStatistics().getMin()).as("ms after the window's end").isBetween(2_000L, 60_000L);
    }

    @Test
    void theSolutionConfiguresAPrometheusReporter() {
        Configuration conf = new Configuration();
        MetricsReportingSolution.apply(conf);
        assertThat(conf.toMap()).containsKey("metrics.reporter.prom.factory.class");
    }

    @Test
    void asShippedNothingIsCountedMeasuredOrReported() throws Exception {
        ShippedCode.assumeShipped("the test of exercise 8's files as shipped", new MetricsMonitoringExercise());
        try (var h = parse(new DeserializerMetrics())) {
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(MeasurementPipeline.DEAD_LETTERS)).as("dead-lettered, not counted").hasSize(1);
        }
        assertThat(DeserializerMetrics.class.getDeclaredFields()).as("no metric kept").isEmpty();
        assertThat(observe(new WindowResultMetrics())).hasSize(1);
        assertThat(WindowResultMetrics.class.getDeclaredFields()).as("no metric kept").isEmpty();
        Configuration shipped = new Configuration();
        MetricsReporting.apply(shipped);
        assertThat(shipped.toMap()).as("no reporter configured").isEmpty();
    }

    private static Object field(Object o, Class<?> declaring, String name) throws ReflectiveOperationException {
        var field = declaring.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(o);
    }
}
