package dev.flinkopslab.exercises.checkpoints;

import dev.flinkopslab.exercises.DoNotChangeThis;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Stands for the sensor registry, a service outside the job that knows each sensor's calibration offset.
 * Every lookup is a blocking call of {@link #LOOKUP_LATENCY} — slower, per record, than the topic produces.
 */
@DoNotChangeThis("it stands for a service outside the job: its latency is a fact of this exercise")
public final class SensorRegistry {
    public static final Duration LOOKUP_LATENCY = Duration.ofMillis(2);

    private SensorRegistry() {}

    /** The sensor's calibration offset in hundredths of a degree, -5..5; blocks like a remote call does. */
    public static long calibrationOffsetCenti(String sensorId) {
        LockSupport.parkNanos(LOOKUP_LATENCY.toNanos());
        return offsetCenti(sensorId);
    }

    /** The offset the registry knows, without the call's latency: what the check's reference applies. */
    static long offsetCenti(String sensorId) {
        return Math.floorMod(sensorId.hashCode(), 11) - 5;
    }
}
