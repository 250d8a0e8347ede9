package dev.flinkopslab.exercises.checkpoints;

import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exercise 6 — state backends and checkpoint tuning. THIS IS ONE OF THE TWO FILES TO EDIT (the other is
 * {@link CheckpointSettings}).
 *
 * <p>Sensors' producers retry, so the same reading can arrive twice; this step, keyed by sensor, lets each
 * reading (a sensor's timestamp) through once. Run the job ({@code ./lab exercise run 6}) and watch the Web
 * UI's Checkpoints tab: History (checkpointed data size, end-to-end duration) and Summary, for a few minutes.
 * {@code ./lab check 6} measures whether checkpoints stay healthy.
 */
public class DeduplicateReadings extends KeyedProcessFunction<String, Measurement, Measurement> {
    private transient MapState<String, Boolean> seenReadings;

    @Override
    public void open(OpenContext openContext) {
        seenReadings = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("seen-reading-ids", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement(Measurement reading, Context ctx, Collector<Measurement> out) throws Exception {
        String readingId = reading.sensorId + "@" + reading.timestamp;
        if (!seenReadings.contains(readingId)) {
            seenReadings.put(readingId, true);
            out.collect(reading);
        }
    }
}
