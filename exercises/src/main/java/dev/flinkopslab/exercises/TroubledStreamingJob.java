package dev.flinkopslab.exercises;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.SourceRecord;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The troubled job: the measurement pipeline with the learner's code of every exercise in it at once, as it
 * looks at the start of the training day — it restarts (1), its windows stall (2), its results are late (3),
 * it goes wrong with object reuse (5), its state grows and its checkpoints struggle (6), and it is blind (8).
 * Each part is the learner's file of that exercise, so fixing an exercise fixes it here too. Exercises 4
 * (capacity: a slower deserializer, measured against the reference) and 7 (an upgrade between two versions)
 * need a second job to show, and run on their own.
 */
@DoNotChangeThis("it assembles the exercises' files; fix those instead")
public final class TroubledStreamingJob extends PipelineParts {
    private final PipelineParts failures = learner(1);
    private final PipelineParts watermarks = learner(2);
    private final PipelineParts latency = learner(3);
    private final PipelineParts reuse = learner(5);
    private final PipelineParts checkpoints = learner(6);
    private final PipelineParts metrics = learner(8);

    private static PipelineParts learner(int exercise) {
        return Exercises.byNumber(exercise).orElseThrow().parts(Variant.LEARNER);
    }

    /** The data it runs on: a steady 2,000 records/s, a few malformed, two partitions that never produce. */
    public static PipelineConfig config() {
        return PipelineConfig.builder()
                .generator(GeneratorConfig.builder().unbounded().eventsPerSecond(2_000).malformedFraction(0.001)
                        .idlePartitions(List.of(6, 7), 0).build())
                .checkpointInterval(Duration.ofSeconds(5))
                .restart(PipelineConfig.RestartKind.FIXED_DELAY, Integer.MAX_VALUE, Duration.ofSeconds(2))
                .build();
    }

    @Override
    public WatermarkStrategy<SourceRecord> watermarks(PipelineConfig c) {
        return watermarks.watermarks(c);
    }

    @Override
    public Deserialized deserialize(DataStream<SourceRecord> records, PipelineConfig c) {
        return failures.deserialize(records, c);
    }

    @Override
    public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
        return checkpoints.beforeWindows(reuse.beforeWindows(measurements, c), c);
    }

    @Override
    public SingleOutputStreamOperator<WindowResult> aggregate(WindowedStream<Measurement, String, TimeWindow> windows) {
        return latency.aggregate(windows);
    }

    @Override
    public void configure(Configuration conf, PipelineConfig c) {
        latency.configure(conf, c);
        reuse.configure(conf, c);
        checkpoints.configure(conf, c);
        metrics.configure(conf, c);
    }

    /** Runs the troubled job on whatever cluster is in context (a local one when started from an IDE). */
    public static void main(String[] args) throws Exception {
        PipelineConfig config = config();
        TroubledStreamingJob parts = new TroubledStreamingJob();
        StreamExecutionEnvironment env = MeasurementPipeline.environment(config, parts);
        PipelineSinks.attach(MeasurementPipeline.build(env, config, parts), config);
        env.execute("troubled-streaming-job");
    }
}
