package dev.flinkopslab.exercises.capacity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.SourceRecord;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exercise 4 — capacity and throughput. THIS IS THE FILE TO EDIT.
 *
 * <p>How this job decodes its records: the team's generic JSON event decoder turns every record into an
 * event holding all its fields (and the raw payload, handy when debugging), and a second step picks the
 * measurement out of the event. It is correct — and the job cannot keep up with the topic. Run it
 * ({@code ./lab exercise run 4}) and look at the Web UI: which vertex is busy (Busy/Backpressured on the job
 * graph, the BackPressure tab), where thread dumps of the TaskManager find the busy task's thread, and
 * the lines about {@code GenericType} in the lab log. {@code ./lab check 4} replays the same records
 * through your job and through the reference, as fast as each can, and compares their throughput.
 */
public class DecodeMeasurements extends PipelineParts {
    /** Any JSON event, as a map of its fields. */
    static final TypeInformation<Map<String, Object>> EVENT = TypeInformation.of(new TypeHint<Map<String, Object>>() {});

    @Override
    public Deserialized deserialize(DataStream<SourceRecord> records, PipelineConfig c) {
        SingleOutputStreamOperator<Map<String, Object>> events = records
                .process(new ParseEvent(), EVENT)
                .uid(MeasurementPipeline.Uids.PARSE).name("Deserialize JSON");
        DataStream<Measurement> measurements = events
                .map(new ToMeasurement(), TypeInformation.of(Measurement.class))
                .uid("event-to-measurement").name("Event to measurement");
        return new Deserialized(measurements, events.getSideOutput(MeasurementPipeline.DEAD_LETTERS));
    }

    @Override
    public void configure(Configuration flinkConfiguration, PipelineConfig c) {
        // The job refuses to start with our event type otherwise ("Generic types have been disabled").
        flinkConfiguration.set(PipelineOptions.GENERIC_TYPES, true);
    }

    /** JSON bytes to an event with every field of the record, plus where it came from and its raw text. */
    static class ParseEvent extends ProcessFunction<SourceRecord, Map<String, Object>> {
        @Override
        public void processElement(SourceRecord record, Context ctx, Collector<Map<String, Object>> out) {
            ObjectMapper mapper = new ObjectMapper();
            String problem;
            try {
                JsonNode tree = mapper.readTree(record.value);
                problem = problem(tree);
                if (problem == null) {
                    Map<String, Object> event = mapper.convertValue(tree, new TypeReference<Map<String, Object>>() {});
                    event.put("_partition", record.partition);
                    event.put("_offset", record.offset);
                    event.put("_raw", record.valueAsString());
                    out.collect(event);
                    return;
                }
            } catch (IOException | IllegalArgumentException e) {
                problem = "not valid JSON: " + e.getMessage().lines().findFirst().orElse("");
            }
            ctx.output(MeasurementPipeline.DEAD_LETTERS,
                    new DeadLetter(record.partition, record.offset, problem, record.valueAsString()));
        }

        /** Why the event is not a valid measurement, or null if it is. */
        private static String problem(JsonNode tree) {
            if (tree == null || !tree.isObject()) {
                return "not a JSON object";
            }
            for (String field : new String[] {"sensorId", "location", "unit"}) {
                if (!tree.path(field).isTextual()) {
                    return "missing field '" + field + "'";
                }
            }
            if (!tree.path("timestamp").isIntegralNumber()) {
                return "missing field 'timestamp'";
            }
            JsonNode value = tree.path("value");
            if (!value.isNumber()) {
                return "field 'value' is not a number";
            }
            if (value.asDouble() < GeneratorConfig.MIN_VALUE || value.asDouble() > GeneratorConfig.MAX_VALUE) {
                return "value " + value.asDouble() + " is outside the sensor range";
            }
            return null;
        }
    }

    /** The measurement in an event. */
    static class ToMeasurement implements MapFunction<Map<String, Object>, Measurement> {
        @Override
        public Measurement map(Map<String, Object> e) {
            return new Measurement((String) e.get("sensorId"), (String) e.get("location"), number(e, "latitude"),
                    number(e, "longitude"), ((Number) e.get("timestamp")).longValue(),
                    Math.round(number(e, "value") * 100), (String) e.get("unit"), (int) number(e, "batteryPercent"),
                    (String) e.get("firmware"));
        }

        private static double number(Map<String, Object> e, String field) {
            return e.get(field) instanceof Number n ? n.doubleValue() : 0;
        }
    }
}
