package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exercise 7 — state migration. THIS IS THE FILE TO EDIT.
 *
 * <p>Version 2 of the statistics step. Production runs version 1 ({@link SensorStatisticsV1}) and has
 * months of per-sensor statistics in its state; version 2 keeps those statistics and also tracks each
 * sensor's battery (the latest level and the lowest seen), counting readings from sensors about to die.
 * Version 2 is deployed the way every new version is: stop version 1 with a savepoint, start version 2 from
 * it. Run {@code ./lab exercise run 7} (it does exactly that) and watch the job in the Web UI — its status,
 * the Exceptions tab, and the first "Caused by" of the exception. Then make version 2 start from version 1's
 * savepoint with every sensor's statistics intact. {@code ./lab check 7} measures whether it does.
 */
public class SensorStatistics extends KeyedProcessFunction<String, Measurement, Measurement> {
    static final int LOW_BATTERY_PERCENT = 15;

    private transient ValueState<SensorProfile> profile;
    private transient Counter lowBatteryReadings;

    @Override
    public void open(OpenContext openContext) {
        profile = getRuntimeContext().getState(
                new ValueStateDescriptor<>(StatisticsStep.STATE_NAME, TypeInformation.of(SensorProfile.class)));
        lowBatteryReadings = getRuntimeContext().getMetricGroup().counter("numLowBatteryReadings");
    }

    @Override
    public void processElement(Measurement m, Context ctx, Collector<Measurement> out) throws Exception {
        SensorProfile p = profile.value();
        if (p == null) {
            p = new SensorProfile();
        }
        p.add(m);
        profile.update(p);
        if (m.batteryPercent < LOW_BATTERY_PERCENT) {
            lowBatteryReadings.inc();
        }
        out.collect(m);
    }

    /** Everything version 2 knows about a sensor: version 1's statistics and the new battery figures. */
    public static class SensorProfile {
        public long count;
        public long sumCenti;
        public long minCenti = Long.MAX_VALUE;
        public long maxCenti = Long.MIN_VALUE;
        public long lastTimestamp = Long.MIN_VALUE;
        public int lastBatteryPercent;
        public int minBatteryPercent = 100;

        public SensorProfile() {}

        void add(Measurement m) {
            count++;
            sumCenti += m.valueCenti;
            minCenti = Math.min(minCenti, m.valueCenti);
            maxCenti = Math.max(maxCenti, m.valueCenti);
            if (m.timestamp >= lastTimestamp) {
                lastTimestamp = m.timestamp;
                lastBatteryPercent = m.batteryPercent;
            }
            minBatteryPercent = Math.min(minBatteryPercent, m.batteryPercent);
        }
    }
}
