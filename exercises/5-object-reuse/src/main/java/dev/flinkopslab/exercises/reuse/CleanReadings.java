package dev.flinkopslab.exercises.reuse;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Exercise 5 — serialization and object reuse. THIS IS THE FILE TO EDIT.
 *
 * <p>Two cleaning steps run between deserialization and the windows: a calibration for sensors with a
 * known firmware fault, and a filter for readings a producer sent twice. The job was right for months;
 * then the platform team switched on object reuse ({@code pipeline.object-reuse: true}) for all jobs, for
 * throughput — and this job's window results all but stopped, without an error anywhere. Run it
 * ({@code ./lab exercise run 5}), compare the window results with what you expect, and look at the
 * records in and out of each step (Web UI: the job's vertex → Metrics, {@code numRecordsIn} /
 * {@code numRecordsOut} of each operator). {@code ./lab check 5} runs the job with object reuse off and on
 * and compares their results.
 */
public class CleanReadings extends PipelineParts {

    @Override
    public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
        TypeInformation<Measurement> type = TypeInformation.of(Measurement.class);
        return measurements
                .map(new Calibrate(), type).uid("calibrate").name("Calibrate")
                .filter(new DropResends()).uid("drop-resends").name("Drop resends");
    }

    /**
     * Firmware 2.0.x reads 0.40 °C too warm. Allocation-free: one output object per function instance,
     * filled anew for each reading.
     */
    static class Calibrate implements MapFunction<Measurement, Measurement> {
        static final long FIRMWARE_2_0_OFFSET_CENTI = -40;
        private transient Measurement calibrated;

        @Override
        public Measurement map(Measurement m) {
            if (calibrated == null) {
                calibrated = new Measurement();
            }
            calibrated.sensorId = m.sensorId;
            calibrated.location = m.location;
            calibrated.latitude = m.latitude;
            calibrated.longitude = m.longitude;
            calibrated.timestamp = m.timestamp;
            calibrated.unit = m.unit;
            calibrated.batteryPercent = m.batteryPercent;
            calibrated.firmware = m.firmware;
            calibrated.valueCenti = m.firmware != null && m.firmware.startsWith("2.0.")
                    ? m.valueCenti + FIRMWARE_2_0_OFFSET_CENTI : m.valueCenti;
            return calibrated;
        }
    }

    /** A producer that times out retries, so a reading may arrive twice in a row: drop the repeat. */
    static class DropResends implements FilterFunction<Measurement> {
        private transient Measurement previous;

        @Override
        public boolean filter(Measurement m) {
            boolean resent = previous != null && previous.timestamp == m.timestamp
                    && previous.sensorId.equals(m.sensorId);
            previous = m;
            return !resent;
        }
    }
}
