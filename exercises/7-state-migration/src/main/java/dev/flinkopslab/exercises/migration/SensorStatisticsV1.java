package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Version 1 of the statistics step — what runs in production today. Per sensor it keeps running statistics
 * (count, sum, min, max, latest event time) in a {@code ValueState<SensorStats>}; measurements pass through
 * unchanged to the windows.
 */
@DoNotChangeThis("this is what runs in production: its savepoints are what version 2 must restore from")
public class SensorStatisticsV1 extends KeyedProcessFunction<String, Measurement, Measurement> {
    private transient ValueState<SensorStats> stats;

    @Override
    public void open(OpenContext openContext) {
        stats = getRuntimeContext().getState(
                new ValueStateDescriptor<>(StatisticsStep.STATE_NAME, TypeInformation.of(SensorStats.class)));
    }

    @Override
    public void processElement(Measurement m, Context ctx, Collector<Measurement> out) throws Exception {
        SensorStats s = stats.value();
        if (s == null) {
            s = new SensorStats();
        }
        s.add(m);
        stats.update(s);
        out.collect(m);
    }
}
