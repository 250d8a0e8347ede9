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

    private static Object readField(Object o, String name) throws ReflectiveOperationException {
        var field = o.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(o);
    }
}
