package dev.flinkopslab.exercises.capacity;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.PipelineSinks;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SinkTransformation;

/**
 * Finds the record types of a job that Flink would serialize with Kryo. It builds the job's dataflow (without
 * running it) and asks Flink for the serializer of every stream's type with generic types disabled — the
 * very question Flink asks at submission, answered for each type instead of failing at the first. Nested
 * generic types count too (a POJO field of type {@code Object}, a {@code Map} value).
 */
@DoNotChangeThis("the check finds Kryo types through this class")
public final class GenericTypes {
    private GenericTypes() {}

    /** The generic types among the streams of the job that {@code parts} make, by name; empty if none. */
    public static List<String> in(PipelineConfig config, PipelineParts parts) {
        Configuration conf = MeasurementPipeline.flinkConfiguration(config, parts);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        PipelineSinks.attach(MeasurementPipeline.build(env, config, parts), config);
        SerializerConfig noGenericTypes = env.getConfig().getSerializerConfig();
        Set<String> generic = new TreeSet<>();
        for (Transformation<?> sink : env.getTransformations()) {
            for (Transformation<?> t : sink.getTransitivePredecessors()) {
                if (t instanceof SinkTransformation<?, ?>) {
                    continue; // a sink emits nothing downstream
                }
                try {
                    t.getOutputType().createSerializer(noGenericTypes);
                } catch (UnsupportedOperationException e) {
                    generic.add(t.getOutputType() + " (output of '" + t.getName() + "')");
                }
            }
        }
        return List.copyOf(generic);
    }
}
