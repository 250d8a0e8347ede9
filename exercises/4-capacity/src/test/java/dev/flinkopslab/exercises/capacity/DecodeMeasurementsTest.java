package dev.flinkopslab.exercises.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.capacity.solution.DecodeMeasurementsSolution;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Exercise 4's decoders in Flink's operator harness: the same measurement out, by different ways. */
class DecodeMeasurementsTest {
    static final String VALID = "{\"sensorId\":\"BER-001\",\"location\":\"Berlin\",\"latitude\":52.5,\"longitude\":13.4,"
            + "\"timestamp\":1000,\"value\":21.57,\"unit\":\"°C\",\"batteryPercent\":80,\"firmware\":\"2.1.0\",\"signalDbm\":-50}";
    static final Measurement EXPECTED = new Measurement("BER-001", "Berlin", 52.5, 13.4, 1_000, 2_157, "°C", 80, "2.1.0");

    static SourceRecord record(long offset, String value) {
        return new SourceRecord(2, offset, 1_000, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSolutionDecodesStraightIntoAMeasurementAndDeadLettersTheRest() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(
                new DecodeMeasurementsSolution().deserializer(PipelineConfig.defaults()))) {
            h.processElement(record(0, VALID), 1_000);
            h.processElement(record(1, VALID.replace("21.57", "999.0")), 1_000);
            h.processElement(record(2, "{\"sensorId\""), 1_000);
            assertThat(h.extractOutputValues()).containsExactly(EXPECTED);
            assertThat(h.getSideOutput(MeasurementPipeline.DEAD_LETTERS)).hasSize(2);
        }
        assertThat(CapacityExercise.genericTypes(new DecodeMeasurementsSolution()).met()).isTrue();
    }

    @Test
    void asShippedEveryRecordBecomesAMapOfAllItsFieldsFirst() throws Exception {
        ShippedCode.assumeShipped("the test of DecodeMeasurements as shipped", new CapacityExercise());
        Map<String, Object> event;
        try (OneInputStreamOperatorTestHarness<SourceRecord, Map<String, Object>> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new DecodeMeasurements.ParseEvent())) {
            h.processElement(record(0, VALID), 1_000);
            h.processElement(record(1, "not json"), 1_000);
            assertThat(h.getSideOutput(MeasurementPipeline.DEAD_LETTERS)).hasSize(1);
            event = h.extractOutputValues().get(0);
        }
        assertThat(event).containsKeys("signalDbm", "_raw", "_partition", "_offset");
        try (OneInputStreamOperatorTestHarness<Map<String, Object>, Measurement> h =
                     new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new DecodeMeasurements.ToMeasurement()))) {
            h.open();
            h.processElement(event, 1_000);
            assertThat(h.extractOutputValues()).containsExactly(EXPECTED);
        }
        assertThat(CapacityExercise.genericTypes(new DecodeMeasurements()).met()).isFalse();
    }
}
