package dev.flinkopslab.exercises.capacity.solution;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exercise 4, solved: decode straight into the type the job needs, with a reader built once.
 *
 * <ul>
 *   <li>An {@link ObjectMapper} is expensive to create and learns as it works: it caches, per type, the
 *       (de)serializers it builds by introspection. A new one per record pays for all of that on every
 *       record. One {@link ObjectReader} per function instance, built in {@code open}, pays once.
 *   <li>A typed, lean class ({@link MeasurementJson}): Jackson binds the fields the job uses and skips the
 *       rest while parsing; no tree, no map of every field, no copy of the raw text.
 *   <li>No generic type travels between operators any more, so {@code pipeline.generic-types: false} (the
 *       pipeline's default) holds: every record is serialized and copied by Flink's POJO serializer, not
 *       by Kryo — and the job fails at submission if a generic type creeps back in.
 * </ul>
 *
 * <p>One step instead of two: the parse emits the {@link Measurement} itself. Jackson's streaming parser (as
 * the pipeline's own {@code MeasurementParser} uses) is faster still; the reader keeps the code short.
 */
public class DecodeMeasurementsSolution extends PipelineParts {

    @Override
    public ProcessFunction<SourceRecord, Measurement> deserializer(PipelineConfig c) {
        return new ParseMeasurementJson();
    }

    /** The fields of a record value the job needs; Jackson ignores the others. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class MeasurementJson {
        public String sensorId;
        public String location;
        public double latitude;
        public double longitude;
        public Long timestamp;
        public Double value;
        public String unit;
        public int batteryPercent;
        public String firmware;
    }

    /** JSON bytes to a measurement with one reader per function instance; malformed records to dead letters. */
    static class ParseMeasurementJson extends ProcessFunction<SourceRecord, Measurement> {
        private transient ObjectReader reader;

        @Override
        public void open(OpenContext openContext) {
            reader = new ObjectMapper().readerFor(MeasurementJson.class);
        }

        @Override
        public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
            String problem;
            try {
                MeasurementJson json = reader.readValue(record.value);
                problem = problem(json);
                if (problem == null) {
                    out.collect(new Measurement(json.sensorId, json.location, json.latitude, json.longitude,
                            json.timestamp, Math.round(json.value * 100), json.unit, json.batteryPercent, json.firmware));
                    return;
                }
            } catch (IOException e) {
                problem = "not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
            ctx.output(MeasurementPipeline.DEAD_LETTERS,
                    new DeadLetter(record.partition, record.offset, problem, record.valueAsString()));
        }

        private static String problem(MeasurementJson json) {
            if (json == null) {
                return "not a JSON object";
            }
            if (json.sensorId == null || json.location == null || json.unit == null) {
                return "missing field '" + (json.sensorId == null ? "sensorId" : json.location == null ? "location" : "unit") + "'";
            }
            if (json.timestamp == null || json.value == null) {
                return "missing field '" + (json.timestamp == null ? "timestamp" : "value") + "'";
            }
            if (json.value < GeneratorConfig.MIN_VALUE || json.value > GeneratorConfig.MAX_VALUE) {
                return "value " + json.value + " is outside the sensor range";
            }
            return null;
        }
    }
}
