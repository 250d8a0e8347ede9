package dev.flinkopslab.exercises.checkpoints.wrongfixes;

import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Wrong fix of the state: "keep one timestamp per sensor instead of every reading id" — a reading counts as a
 * resend unless it is newer than the sensor's latest. The state is tiny and checkpoints stay healthy, but the
 * data is out of order by up to 200 ms: every reading that arrives after a newer one of its sensor is dropped.
 */
public class DropReadingsNotNewer extends KeyedProcessFunction<String, Measurement, Measurement> {
    private transient ValueState<Long> latest;

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-timestamp", Types.LONG));
    }

    @Override
    public void processElement(Measurement reading, Context ctx, Collector<Measurement> out) throws Exception {
        Long last = latest.value();
        if (last == null || reading.timestamp > last) {
            latest.update(reading.timestamp);
            out.collect(reading);
        }
    }
}
