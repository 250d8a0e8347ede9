package dev.flinkopslab.exercises.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.ShippedFiles;
import dev.flinkopslab.exercises.metrics.solution.DeserializeMeasurementsSolution;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Exercise 8's deserializers in Flink's operator harness: dead letters, and whether they are counted. */
class MetricsFunctionsTest {
    static final String SHIPPED = "8-metrics-monitoring/src/main/java/dev/flinkopslab/exercises/metrics/DeserializeMeasurements.java";
    static final String SHIPPED_SHA256 = "304a3d12f0006af7ee7f847770652cea805bceb222f3df715768a2e0d84cfe17";
    static final String VALID = "{\"sensorId\":\"BER-001\",\"location\":\"Berlin\",\"latitude\":52.5,\"longitude\":13.4,"
            + "\"timestamp\":1000,\"value\":21.5,\"unit\":\"°C\",\"batteryPercent\":80,\"firmware\":\"2.1.0\"}";

    static OneInputStreamOperatorTestHarness<SourceRecord, Measurement> feed(ProcessFunction<SourceRecord, Measurement> f)
            throws Exception {
        OneInputStreamOperatorTestHarness<SourceRecord, Measurement> h = ProcessFunctionTestHarnesses.forProcessFunction(f);
        h.processElement(new SourceRecord(0, 0, 1_000, VALID.getBytes(StandardCharsets.UTF_8)), 1_000);
        h.processElement(new SourceRecord(0, 1, 1_000, "{not json".getBytes(StandardCharsets.UTF_8)), 1_000);
        return h;
    }


    @Test
    void theSolutionCountsAndDeadLettersAMalformedRecord() throws Exception {
        DeserializeMeasurementsSolution f = new DeserializeMeasurementsSolution(MeasurementPipeline.DEAD_LETTERS);
        try (var h = feed(f)) {
            assertThat(h.extractOutputValues()).extracting(m -> m.valueCenti).containsExactly(2_150L);
            assertThat(h.getSideOutput(MeasurementPipeline.DEAD_LETTERS)).hasSize(1);
            Counter counter = (Counter) readField(f, "invalidRecords");
            assertThat(counter.getCount()).isEqualTo(1);
        }
    }

    @Test
    void asShippedAMalformedRecordIsDeadLetteredButNotCounted() throws Exception {
        Assumptions.assumeTrue(ShippedFiles.asShipped(SHIPPED, SHIPPED_SHA256), "DeserializeMeasurements was edited");
        try (var h = feed(new DeserializeMeasurements(MeasurementPipeline.DEAD_LETTERS))) {
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(MeasurementPipeline.DEAD_LETTERS)).hasSize(1);
            assertThat(DeserializeMeasurements.class.getDeclaredFields())
                    .noneMatch(field -> Counter.class.isAssignableFrom(field.getType()));
        }
    }

    static final String SHIPPED_EMIT = "8-metrics-monitoring/src/main/java/dev/flinkopslab/exercises/metrics/EmitWindowResults.java";
    static final String SHIPPED_EMIT_SHA256 = "a4de1d6c408ae7e77f1c72aeb5f1fc6f86942c4153ed7dd993eb006ea5b5b1c2";
    static final String SHIPPED_REPORTING = "8-metrics-monitoring/src/main/java/dev/flinkopslab/exercises/metrics/MetricsReporting.java";
    static final String SHIPPED_REPORTING_SHA256 = "0a6ba77122d23bc2e5ffed2a6ce07725f324fbe1f4c77d09e34436aea7c9f1ce";

    static Measurement reading(long timestamp, long valueCenti) {
        return new Measurement("BER-001", "Berlin", 0, 0, timestamp, valueCenti, "°C", 80, "2.1.0");
    }

    static java.util.List<dev.flinkopslab.measurements.WindowResult> windowResults(
            java.util.function.Supplier<org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction<
                    dev.flinkopslab.pipeline.WindowAccumulator, dev.flinkopslab.measurements.WindowResult, String,
                    org.apache.flink.streaming.api.windowing.windows.TimeWindow>> emit) throws Exception {
        var parts = MetricsMonitoringExercise.parts(() -> new DeserializeMeasurements(MeasurementPipeline.DEAD_LETTERS),
                emit, conf -> {});
        try (var h = dev.flinkopslab.exercises.WindowHarness.of(parts)) {
            h.processElement(reading(100, 2_000), 100);
            h.processElement(reading(700, 1_000), 700);
            h.processWatermark(999);
            return h.extractOutputValues();
        }
    }

    @Test
    void bothWindowFunctionsEmitTheAggregateOnceAndTheSolutionRecordsItsLag() throws Exception {
        var expected = new dev.flinkopslab.measurements.WindowResult("Berlin", 0, 1_000, 2, 3_000, 1_000, 2_000);
        assertThat(windowResults(dev.flinkopslab.exercises.metrics.solution.EmitWindowResultsSolution::new)).containsExactly(expected);
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        dev.flinkopslab.exercises.metrics.solution.MetricsReportingSolution.apply(conf);
        assertThat(conf.toMap()).containsKey("metrics.reporter.prom.factory.class");
        Assumptions.assumeTrue(ShippedFiles.asShipped(SHIPPED_EMIT, SHIPPED_EMIT_SHA256)
                && ShippedFiles.asShipped(SHIPPED_REPORTING, SHIPPED_REPORTING_SHA256), "exercise 8's files were edited");
        assertThat(windowResults(EmitWindowResults::new)).containsExactly(expected);
        assertThat(EmitWindowResults.class.getDeclaredFields()).as("no metric kept").isEmpty();
        org.apache.flink.configuration.Configuration shipped = new org.apache.flink.configuration.Configuration();
        MetricsReporting.apply(shipped);
        assertThat(shipped.toMap()).as("no reporter configured").isEmpty();
    }

    private static Object readField(Object o, String name) throws ReflectiveOperationException {
        var field = o.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(o);
    }
}
