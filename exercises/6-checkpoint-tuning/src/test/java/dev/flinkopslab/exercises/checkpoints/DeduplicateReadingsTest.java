package dev.flinkopslab.exercises.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.checkpoints.solution.DeduplicateReadingsSolution;
import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The deduplication step in Flink's keyed operator harness: what it lets through, and how long it remembers. */
class DeduplicateReadingsTest {

    static Measurement reading(String sensor, long timestamp) {
        return new Measurement(sensor, "Berlin", 52.5, 13.4, timestamp, 2_000, "°C", 80, "2.1.0");
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Measurement, Measurement> harness(
            KeyedProcessFunction<String, Measurement, Measurement> f) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Measurement, Measurement> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(f, m -> m.sensorId, Types.STRING);
        h.setStateTtlProcessingTime(0);
        return h;
    }

    @Test
    void theSolutionLetsEachReadingThroughOnceAndForgetsItAfterTheHorizon() throws Exception {
        try (var h = harness(new DeduplicateReadingsSolution())) {
            h.processElement(reading("BER-001", 1_000), 1_000);
            h.processElement(reading("BER-001", 1_000), 1_000); // resent
            h.processElement(reading("BER-001", 900), 900);     // out of order, not a resend
            h.processElement(reading("BER-002", 1_000), 1_000);
            assertThat(h.extractOutputValues()).extracting(m -> m.sensorId + "@" + m.timestamp)
                    .containsExactly("BER-001@1000", "BER-001@900", "BER-002@1000");

            h.setStateTtlProcessingTime(DeduplicateReadingsSolution.DEDUP_HORIZON.toMillis() + 1);
            h.processElement(reading("BER-001", 1_000), 1_000); // long after: expired, as the state should be
            assertThat(h.extractOutputValues()).hasSize(4);
        }
    }

    @Test
    void asShippedEveryReadingIdIsKeptForever() throws Exception {
        ShippedCode.assumeShipped("the test of DeduplicateReadings as shipped", new CheckpointTuningExercise());
        try (var h = harness(new DeduplicateReadings())) {
            for (long t = 0; t < 100; t++) {
                h.processElement(reading("BER-001", t * 250), t * 250);
            }
            h.setStateTtlProcessingTime(60_000);
            h.processElement(reading("BER-001", 0), 0); // a minute later, still "seen"
            assertThat(h.extractOutputValues()).hasSize(100);
            assertThat(h.numKeyedStateEntries()).as("one state per key, holding every id").isEqualTo(1);
        }
    }
}
