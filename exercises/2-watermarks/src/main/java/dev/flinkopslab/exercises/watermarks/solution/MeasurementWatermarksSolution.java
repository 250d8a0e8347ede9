package dev.flinkopslab.exercises.watermarks.solution;

import dev.flinkopslab.source.SourceRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Exercise 2, solved. Two separate flaws, each hiding the other:
 *
 * <ul>
 *   <li>Idleness. The source tracks a watermark per partition and forwards the minimum. A partition nobody
 *       writes to never emits one, so the minimum never moves and no window ever fires. {@code withIdleness}
 *       leaves a partition out of the minimum once it has been silent for the timeout (and takes it back as
 *       soon as it produces again). A partition silent for 2 s at hundreds of records a second is idle, not
 *       slow.
 *   <li>The bound. Records of this topic arrive up to 200 ms behind the newest one seen, whatever the
 *       sensors' clocks say. With a 20 ms bound the watermark passes a window's end while records of that
 *       window are still on their way; they arrive late and are dropped from the window (late output,
 *       {@code numLateRecords}). The bound must cover the lateness the data really has — measured, not
 *       assumed. 250 ms covers 200 ms with a margin; every millisecond more is a millisecond of latency for
 *       every result (exercise 3), so don't go much higher.
 * </ul>
 */
public final class MeasurementWatermarksSolution {
    public static final Duration OUT_OF_ORDERNESS = Duration.ofMillis(250);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    private MeasurementWatermarksSolution() {}

    public static WatermarkStrategy<SourceRecord> strategy() {
        return WatermarkStrategy.<SourceRecord>forBoundedOutOfOrderness(OUT_OF_ORDERNESS).withIdleness(IDLE_TIMEOUT);
    }
}
