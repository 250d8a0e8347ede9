package dev.flinkopslab.exercises.checkpoints;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.MapFunction;

/** Applies each sensor's calibration offset, looked up in the {@link SensorRegistry} for every reading. */
@DoNotChangeThis("the slow lookup is the cause of back pressure this exercise starts from, not the flaw to fix")
final class CalibrateReadings implements MapFunction<Measurement, Measurement> {
    @Override
    public Measurement map(Measurement m) {
        long offset = SensorRegistry.calibrationOffsetCenti(m.sensorId);
        return new Measurement(m.sensorId, m.location, m.latitude, m.longitude, m.timestamp, m.valueCenti + offset,
                m.unit, m.batteryPercent, m.firmware);
    }
}
