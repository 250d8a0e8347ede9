package dev.flinkopslab.exercises;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.PipelineParts;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The window operator that {@code parts.aggregate} builds, as the pipeline keys and windows it (by location, 1 s
 * tumbling event-time windows), in Flink's keyed operator harness, opened: readings and watermarks in, window
 * results out.
 */
public final class WindowHarness {
    private WindowHarness() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static KeyedOneInputStreamOperatorTestHarness<String, Measurement, WindowResult> of(PipelineParts parts)
            throws Exception {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Configuration());
        DataStream<Measurement> in = env.fromSequence(0, 0).map(i -> new Measurement(), TypeInformation.of(Measurement.class));
        OneInputTransformation<Measurement, WindowResult> t = (OneInputTransformation<Measurement, WindowResult>) parts
                .aggregate(in.keyBy(m -> m.location, Types.STRING).window(TumblingEventTimeWindows.of(Duration.ofSeconds(1))))
                .getTransformation();
        KeyedOneInputStreamOperatorTestHarness<String, Measurement, WindowResult> h = new KeyedOneInputStreamOperatorTestHarness<>(
                (StreamOperatorFactory<WindowResult>) t.getOperatorFactory(), (KeySelector) t.getStateKeySelector(),
                Types.STRING, 1, 1, 0);
        h.open();
        return h;
    }
}
