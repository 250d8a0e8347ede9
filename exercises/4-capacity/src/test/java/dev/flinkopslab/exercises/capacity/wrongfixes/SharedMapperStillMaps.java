package dev.flinkopslab.exercises.capacity.wrongfixes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.SourceRecord;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Wrong fix: "the ObjectMapper per record is the cost" — one mapper per function, and the events stay maps of
 * every field, serialized between the two steps by Kryo (generic types switched on to allow it).
 */
public class SharedMapperStillMaps extends PipelineParts {
    static final TypeInformation<Map<String, Object>> EVENT = TypeInformation.of(new TypeHint<Map<String, Object>>() {});

    @Override
    public Deserialized deserialize(DataStream<SourceRecord> records, PipelineConfig c) {
        SingleOutputStreamOperator<Map<String, Object>> events = records.process(new ParseEvent(), EVENT)
                .uid(MeasurementPipeline.Uids.PARSE).name("Deserialize JSON");
        DataStream<Measurement> measurements = events.map(new ToMeasurement(), TypeInformation.of(Measurement.class))
                .uid("event-to-measurement").name("Event to measurement");
        return new Deserialized(measurements, events.getSideOutput(MeasurementPipeline.DEAD_LETTERS));
    }

    @Override
    public void configure(Configuration flinkConfiguration, PipelineConfig c) {
        flinkConfiguration.set(PipelineOptions.GENERIC_TYPES, true);
    }

    static class ParseEvent extends ProcessFunction<SourceRecord, Map<String, Object>> {
        private transient ObjectMapper mapper;

        @Override
        public void open(OpenContext openContext) {
            mapper = new ObjectMapper();
        }

        @Override
        public void processElement(SourceRecord record, Context ctx, Collector<Map<String, Object>> out) {
            try {
                out.collect(mapper.readValue(record.value, new TypeReference<Map<String, Object>>() {}));
            } catch (IOException e) {
                ctx.output(MeasurementPipeline.DEAD_LETTERS, new DeadLetter(record.partition, record.offset,
                        "not valid JSON", record.valueAsString()));
            }
        }
    }

    static class ToMeasurement implements MapFunction<Map<String, Object>, Measurement> {
        @Override
        public Measurement map(Map<String, Object> e) {
            return new Measurement((String) e.get("sensorId"), (String) e.get("location"), 0, 0,
                    ((Number) e.get("timestamp")).longValue(), Math.round(((Number) e.get("value")).doubleValue() * 100),
                    (String) e.get("unit"), 0, (String) e.get("firmware"));
        }
    }
}
