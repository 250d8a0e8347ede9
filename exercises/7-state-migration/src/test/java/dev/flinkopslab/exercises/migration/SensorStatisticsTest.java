package dev.flinkopslab.exercises.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.migration.solution.SensorStatisticsSolution;
import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The upgrade in Flink's keyed operator harness, in milliseconds: version 1 processes readings and snapshots its
 * state; version 2 restores from that snapshot — or fails to, as the restore does from a savepoint.
 */
class SensorStatisticsTest {

    static Measurement reading(long timestamp, long valueCenti, int battery) {
        return new Measurement("BER-001", "Berlin", 0, 0, timestamp, valueCenti, "°C", battery, "2.1.0");
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Measurement, Measurement> harness(
            KeyedProcessFunction<String, Measurement, Measurement> f) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(f, m -> m.sensorId, Types.STRING);
    }

    static OperatorSubtaskState version1Snapshot() throws Exception {
        try (var v1 = harness(new SensorStatisticsV1())) {
            v1.processElement(reading(1_000, 2_000, 50), 1_000);
            v1.processElement(reading(2_000, 1_000, 40), 2_000);
            return v1.snapshot(1, 2_000);
        }
    }

    /** A harness for {@code f} restored from {@code state}, not yet opened. */
    static KeyedOneInputStreamOperatorTestHarness<String, Measurement, Measurement> restored(
            KeyedProcessFunction<String, Measurement, Measurement> f, OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<String, Measurement, Measurement>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(f), m -> m.sensorId, Types.STRING);
        h.initializeState(state);
        return h;
    }

    @Test
    void theSolutionRestoresVersion1sStatisticsAndAddsTheBattery() throws Exception {
        OperatorSubtaskState v1 = version1Snapshot();
        try (var v2 = restored(new SensorStatisticsSolution(), v1)) {
            v2.open();
            v2.processElement(reading(3_000, 3_000, 10), 3_000);
            assertThat(v2.extractOutputValues()).hasSize(1);
            OperatorSubtaskState after = v2.snapshot(2, 3_000);
            try (var reader = restored(new SensorStatisticsV1(), after)) { // V1's view of the state: its type, evolved
                reader.open();
                reader.processElement(reading(4_000, 0, 90), 4_000);
                assertThat(reader.extractOutputValues()).hasSize(1);
            }
        }
    }

    @Test
    void asShippedVersion2CannotRestoreVersion1sState() throws Exception {
        ShippedCode.assumeShipped("the test of SensorStatistics as shipped", new StateMigrationExercise());
        OperatorSubtaskState v1 = version1Snapshot();
        assertThatThrownBy(() -> {
            try (var v2 = restored(new SensorStatistics(), v1)) {
                v2.open();
                v2.processElement(reading(3_000, 3_000, 10), 3_000);
            }
        }).satisfies(e -> assertThat(rootMessage(e)).containsIgnoringCase("incompatible"));
    }

    static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
