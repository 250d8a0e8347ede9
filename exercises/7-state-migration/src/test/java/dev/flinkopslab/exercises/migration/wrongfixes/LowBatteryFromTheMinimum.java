package dev.flinkopslab.exercises.migration.wrongfixes;

import dev.flinkopslab.exercises.migration.SensorStats;
import dev.flinkopslab.exercises.migration.StatisticsStep;
import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Wrong fix: the state evolves right (version 1's statistics kept, the battery in new state) — and the port of
 * the low-battery count tests the sensor's lowest level instead of the reading's, so once a sensor was low
 * every later reading of it counts.
 */
public class LowBatteryFromTheMinimum extends KeyedProcessFunction<String, Measurement, Measurement> {
    private transient ValueState<SensorStats> stats;
    private transient ValueState<Integer> minBattery;
    private transient Counter lowBatteryReadings;

    @Override
    public void open(OpenContext openContext) {
        stats = getRuntimeContext().getState(
                new ValueStateDescriptor<>(StatisticsStep.STATE_NAME, TypeInformation.of(SensorStats.class)));
        minBattery = getRuntimeContext().getState(new ValueStateDescriptor<>("min-battery", Types.INT));
        lowBatteryReadings = getRuntimeContext().getMetricGroup().counter("numLowBatteryReadings");
    }

    @Override
    public void processElement(Measurement m, Context ctx, Collector<Measurement> out) throws Exception {
        SensorStats s = stats.value();
        if (s == null) {
            s = new SensorStats();
        }
        s.add(m);
        stats.update(s);
        int min = Math.min(minBattery.value() == null ? 100 : minBattery.value(), m.batteryPercent);
        minBattery.update(min);
        if (min < 15) {
            lowBatteryReadings.inc();
        }
        out.collect(m);
    }
}
