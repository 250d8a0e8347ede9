package dev.flinkopslab.exercises.checkpoints.solution;

import dev.flinkopslab.measurements.Measurement;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exercise 6, solved (state): a duplicate comes from a producer's retry, seconds after the original, so a
 * reading only needs remembering for that long. Without an expiry the map grows with every reading ever seen
 * — on the heap, and in every checkpoint, which is written out in full — until checkpoints time out and the
 * TaskManager runs out of memory. State TTL expires each entry {@link #DEDUP_HORIZON} after it was written:
 * expired entries are never returned, are dropped from full snapshots (so checkpoints stay the size of a few
 * seconds of readings) and are removed from the heap a few at a time as the state is accessed.
 */
public class DeduplicateReadingsSolution extends KeyedProcessFunction<String, Measurement, Measurement> {
    /** How long after a reading its duplicate can still arrive. */
    public static final Duration DEDUP_HORIZON = Duration.ofSeconds(2);

    private transient MapState<String, Boolean> seenReadings;

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>("seen-reading-ids", Types.STRING, Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(DEDUP_HORIZON)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .cleanupFullSnapshot()              // checkpoints of the heap backend leave expired entries out
                .cleanupIncrementally(10, false)    // and the heap loses them too, 10 entries per state access
                .build());
        seenReadings = getRuntimeContext().getMapState(descriptor);
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
