package dev.flinkopslab.exercises.reuse.wrongfixes;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Wrong fix: Calibrate emits a new object per reading — and DropResends still keeps the object it was handed.
 * In today's chain nothing upstream reuses its output, so the job's results are right with object reuse on; the
 * first upstream step that refills its output object breaks the filter again.
 */
public class NewObjectsButKeepsItsInput extends PipelineParts {
    @Override
    public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
        TypeInformation<Measurement> type = TypeInformation.of(Measurement.class);
        return measurements
                .map(new Calibrate(), type).uid("calibrate").name("Calibrate")
                .filter(new DropResends()).uid("drop-resends").name("Drop resends");
    }

    static class Calibrate implements MapFunction<Measurement, Measurement> {
        @Override
        public Measurement map(Measurement m) {
            long value = m.firmware != null && m.firmware.startsWith("2.0.") ? m.valueCenti - 40 : m.valueCenti;
            return new Measurement(m.sensorId, m.location, m.latitude, m.longitude, m.timestamp, value, m.unit,
                    m.batteryPercent, m.firmware);
        }
    }

    static class DropResends implements FilterFunction<Measurement> {
        private transient Measurement previous;

        @Override
        public boolean filter(Measurement m) {
            boolean resent = previous != null && previous.timestamp == m.timestamp && previous.sensorId.equals(m.sensorId);
            previous = m;
            return !resent;
        }
    }
}
