package dev.flinkopslab.exercises.reuse.wrongfixes;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Wrong fix: DropResends keeps copies of the fields it compares — and Calibrate still refills its one output
 * object for every reading. Correct in today's chain, where the filter is the only one to see that object; any
 * step after it that keeps a reading sees it change.
 */
public class CopiesButRefillsItsOutput extends PipelineParts {
    @Override
    public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
        TypeInformation<Measurement> type = TypeInformation.of(Measurement.class);
        return measurements
                .map(new Calibrate(), type).uid("calibrate").name("Calibrate")
                .filter(new DropResends()).uid("drop-resends").name("Drop resends");
    }

    static class Calibrate implements MapFunction<Measurement, Measurement> {
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
            calibrated.valueCenti = m.firmware != null && m.firmware.startsWith("2.0.") ? m.valueCenti - 40 : m.valueCenti;
            return calibrated;
        }
    }

    static class DropResends implements FilterFunction<Measurement> {
        private String previousSensor;
        private long previousTimestamp;

        @Override
        public boolean filter(Measurement m) {
            boolean resent = m.sensorId.equals(previousSensor) && m.timestamp == previousTimestamp;
            previousSensor = m.sensorId;
            previousTimestamp = m.timestamp;
            return !resent;
        }
    }
}
