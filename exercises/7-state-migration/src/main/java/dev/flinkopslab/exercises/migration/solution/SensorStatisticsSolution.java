package dev.flinkopslab.exercises.migration.solution;

import dev.flinkopslab.exercises.migration.SensorStats;
import dev.flinkopslab.exercises.migration.StatisticsStep;
import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exercise 7, solved: version 2 evolves its state the way Flink can follow. A savepoint stores, for each
 * state, a snapshot of the serializer that wrote it — for a POJO its class and each field's name and type.
 * On restore Flink asks that snapshot whether the new serializer can read the old bytes. A different class
 * (or a field whose type changed) is "incompatible": the restore fails, and no restart can fix it.
 *
 * <p>So the existing state keeps its name and its type, {@code ValueState<SensorStats>}, exactly as version 1
 * wrote it, and what version 2 adds lives in a new state, {@code battery-health}: a state the savepoint does
 * not have simply starts empty. (Adding a field to {@code SensorStats} itself would evolve as well — POJO
 * rules allow added and removed fields — but here that class is version 1's, and would change version 1.)
 */
public class SensorStatisticsSolution extends KeyedProcessFunction<String, Measurement, Measurement> {
    static final int LOW_BATTERY_PERCENT = 15;

    private transient ValueState<SensorStats> stats;
    private transient ValueState<BatteryHealth> battery;
    private transient Counter lowBatteryReadings;

    @Override
    public void open(OpenContext openContext) {
        stats = getRuntimeContext().getState(
                new ValueStateDescriptor<>(StatisticsStep.STATE_NAME, TypeInformation.of(SensorStats.class)));
        battery = getRuntimeContext().getState(
                new ValueStateDescriptor<>("battery-health", TypeInformation.of(BatteryHealth.class)));
        lowBatteryReadings = getRuntimeContext().getMetricGroup().counter("numLowBatteryReadings");
    }

    @Override
    public void processElement(Measurement m, Context ctx, Collector<Measurement> out) throws Exception {
        SensorStats s = stats.value();
        if (s == null) {
            s = new SensorStats();
        }
        long previousLast = s.lastTimestamp;
        s.add(m);
        stats.update(s);

        BatteryHealth b = battery.value();
        if (b == null) {
            b = new BatteryHealth();
        }
        if (m.timestamp >= previousLast) {
            b.lastPercent = m.batteryPercent;
        }
        b.minPercent = Math.min(b.minPercent, m.batteryPercent);
        battery.update(b);

        if (m.batteryPercent < LOW_BATTERY_PERCENT) {
            lowBatteryReadings.inc();
        }
        out.collect(m);
    }

    /** What version 2 adds per sensor; new state, so no savepoint has an older form of it. */
    public static class BatteryHealth {
        public int lastPercent;
        public int minPercent = 100;

        public BatteryHealth() {}
    }
}
