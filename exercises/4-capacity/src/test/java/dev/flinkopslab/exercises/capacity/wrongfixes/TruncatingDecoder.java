package dev.flinkopslab.exercises.capacity.wrongfixes;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.SourceRecord;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Wrong fix: a hand-written streaming parser, as fast as the reference — which turns the value into hundredths
 * with a cast ({@code (long) (value * 100)}), truncating instead of rounding, and skips the range check. Every
 * window's sum is off by a few hundredths.
 */
public class TruncatingDecoder extends PipelineParts {
    @Override
    public ProcessFunction<SourceRecord, Measurement> deserializer(PipelineConfig c) {
        return new Parse();
    }

    /** The fields the job needs, as read. */
    static final class Fields {
        String sensorId;
        String location;
        double latitude;
        double longitude;
        Long timestamp;
        Double value;
        String unit;
        int batteryPercent;
        String firmware;
    }

    static class Parse extends ProcessFunction<SourceRecord, Measurement> {
        private transient JsonFactory json;

        @Override
        public void open(OpenContext openContext) {
            json = new JsonFactory();
        }

        @Override
        public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
            try (JsonParser p = json.createParser(record.value)) {
                Fields m = new Fields();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not an object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (field) {
                        case "sensorId" -> m.sensorId = p.getText();
                        case "location" -> m.location = p.getText();
                        case "latitude" -> m.latitude = p.getDoubleValue();
                        case "longitude" -> m.longitude = p.getDoubleValue();
                        case "timestamp" -> m.timestamp = p.getLongValue();
                        case "value" -> m.value = t.isNumeric() ? p.getDoubleValue() : null;
                        case "unit" -> m.unit = p.getText();
                        case "batteryPercent" -> m.batteryPercent = p.getIntValue();
                        case "firmware" -> m.firmware = p.getText();
                        default -> p.skipChildren();
                    }
                }
                if (m.sensorId == null || m.location == null || m.timestamp == null || m.value == null) {
                    throw new IOException("missing field");
                }
                out.collect(new Measurement(m.sensorId, m.location, m.latitude, m.longitude, m.timestamp,
                        (long) (m.value * 100), m.unit, m.batteryPercent, m.firmware));
            } catch (IOException | RuntimeException e) {
                ctx.output(MeasurementPipeline.DEAD_LETTERS, new DeadLetter(record.partition, record.offset,
                        String.valueOf(e.getMessage()), record.valueAsString()));
            }
        }
    }
}
