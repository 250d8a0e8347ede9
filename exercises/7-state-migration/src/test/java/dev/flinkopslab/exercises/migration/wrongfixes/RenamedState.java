package dev.flinkopslab.exercises.migration.wrongfixes;

import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Wrong fix: "the restore fails on the state's type — give the new type a new name". Version 2 starts from the
 * savepoint (a state nobody registers is simply not used), and every sensor's statistics start again from zero.
 */
public class RenamedState extends KeyedProcessFunction<String, Measurement, Measurement> {
    private transient ValueState<Profile> profile;
    private transient Counter lowBatteryReadings;

    @Override
    public void open(OpenContext openContext) {
        profile = getRuntimeContext().getState(new ValueStateDescriptor<>("sensor-profile", TypeInformation.of(Profile.class)));
        lowBatteryReadings = getRuntimeContext().getMetricGroup().counter("numLowBatteryReadings");
    }

    @Override
    public void processElement(Measurement m, Context ctx, Collector<Measurement> out) throws Exception {
        Profile p = profile.value();
        if (p == null) {
            p = new Profile();
        }
        p.count++;
        p.sumCenti += m.valueCenti;
        p.lastBatteryPercent = m.batteryPercent;
        profile.update(p);
        if (m.batteryPercent < 15) {
            lowBatteryReadings.inc();
        }
        out.collect(m);
    }

    public static class Profile {
        public long count;
        public long sumCenti;
        public int lastBatteryPercent;

        public Profile() {}
    }
}
