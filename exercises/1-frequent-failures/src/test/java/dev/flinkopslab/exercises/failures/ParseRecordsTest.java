package dev.flinkopslab.exercises.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.failures.solution.ParseRecordsSolution;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Exercise 1's parse functions in Flink's operator harness: a valid record, then a malformed one. */
class ParseRecordsTest {
    static final String VALID = "{\"sensorId\":\"BER-001\",\"location\":\"Berlin\",\"latitude\":52.5,\"longitude\":13.4,"
            + "\"timestamp\":1000,\"value\":21.5,\"unit\":\"°C\",\"batteryPercent\":80,\"firmware\":\"2.1.0\"}";

    static SourceRecord record(long offset, String value) {
        return new SourceRecord(3, offset, 1_000, value.getBytes(StandardCharsets.UTF_8));
    }

    static OneInputStreamOperatorTestHarness<SourceRecord, Measurement> harness(ProcessFunction<SourceRecord, Measurement> f)
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(f);
    }

    @Test
    void theSolutionSendsAMalformedRecordToTheDeadLettersAndGoesOn() throws Exception {
        try (var h = harness(new ParseRecordsSolution(MeasurementPipeline.DEAD_LETTERS))) {
            h.processElement(record(0, VALID), 1_000);
            h.processElement(record(1, "{\"sensorId\":\"BER-001\""), 1_000);
            h.processElement(record(2, VALID), 1_000);
            assertThat(h.extractOutputValues()).hasSize(2).allMatch(m -> m.valueCenti == 2_150);
            assertThat(h.getSideOutput(MeasurementPipeline.DEAD_LETTERS)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.getValue().partition).isEqualTo(3);
                        assertThat(r.getValue().offset).isEqualTo(1);
                    });
        }
    }

    @Test
    void asShippedAMalformedRecordFailsTheTask() throws Exception {
        ShippedCode.assumeShipped("the test of ParseRecords as shipped", new FrequentFailuresExercise());
        try (var h = harness(new ParseRecords())) {
            h.processElement(record(0, VALID), 1_000);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThatThrownBy(() -> h.processElement(record(1, "not json"), 1_000))
                    .hasMessageContaining("Cannot parse record at partition 3, offset 1");
        }
    }
}
