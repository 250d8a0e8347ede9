package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.source.MeasurementGeneratorSource;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The measurement pipeline:
 *
 * <pre>
 * measurements source: generator or Kafka topic (8 partitions, per-partition watermarks, idleness)
 *   → deserialize JSON ──(malformed)──→ dead letters + numInvalidRecords (parse metrics)
 *   → keyBy(location) → 1 s tumbling event-time windows → aggregate ──(late)──→ late records + numLateRecords
 *   → result metrics (eventTimeLag) → window results
 * </pre>
 *
 * {@link #build} adds the topology to an environment and returns its three outputs; {@link PipelineSinks}
 * attaches the configured sinks. Every operator has a stable uid, so savepoints stay restorable.
 */
public final class MeasurementPipeline {

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<Measurement> LATE_RECORDS =
            new OutputTag<>("late-records", TypeInformation.of(Measurement.class));

    /** Operator uids: the contract with savepoints, and the names tests and tools look operators up by. */
    public static final class Uids {
        public static final String SOURCE = "measurements-source";
        public static final String PARSE = "parse-measurements";
        public static final String INJECT_FAILURE = "inject-failure";
        public static final String WINDOWS = "window-aggregate";
        public static final String RESULT_METRICS = "window-result-metrics";
        public static final String COUNT_LATE = "count-late-records";

        private Uids() {}
    }

    /** The streams the pipeline produces, before any sink. */
    public record Outputs(DataStream<WindowResult> windows, DataStream<Measurement> lateRecords,
                          DataStream<DeadLetter> deadLetters) {}

    private MeasurementPipeline() {}

    /**
     * The Flink configuration of a run: parallelism, checkpointing, restart strategy, watermark interval, and
     * two guards — no generic (Kryo) types and no operator without an explicit uid.
     */
    public static Configuration flinkConfiguration(PipelineConfig c) {
        return flinkConfiguration(c, PipelineParts.REFERENCE);
    }

    /** {@link #flinkConfiguration(PipelineConfig)}, then whatever {@code parts} change in it. */
    public static Configuration flinkConfiguration(PipelineConfig c, PipelineParts parts) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.NAME, c.jobName);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, c.parallelism);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, c.watermarkInterval);
        if (c.checkpointing != PipelineConfig.CheckpointMode.NONE) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, c.checkpointInterval);
            conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                    c.checkpointing == PipelineConfig.CheckpointMode.EXACTLY_ONCE
                            ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, c.restart.flinkName);
        switch (c.restart) {
            case FIXED_DELAY -> {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, c.restartAttempts);
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, c.restartDelay);
            }
            case EXPONENTIAL_DELAY -> {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, c.restartAttempts);
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, c.restartDelay);
            }
            case NONE -> { }
        }
        parts.configure(conf, c);
        return conf;
    }

    /** An environment (local, test MiniCluster or cluster, whichever is in context) configured for a run. */
    public static StreamExecutionEnvironment environment(PipelineConfig c) {
        return environment(c, PipelineParts.REFERENCE);
    }

    public static StreamExecutionEnvironment environment(PipelineConfig c, PipelineParts parts) {
        return StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(c, parts));
    }

    /** Adds the pipeline to {@code env} and returns its outputs; attach sinks with {@link PipelineSinks#attach}. */
    public static Outputs build(StreamExecutionEnvironment env, PipelineConfig c) {
        return build(env, c, PipelineParts.REFERENCE);
    }

    /** The pipeline with some of its parts replaced (exercises, benchmarks). */
    public static Outputs build(StreamExecutionEnvironment env, PipelineConfig c, PipelineParts parts) {
        // No timestamp assigner: the source sets each record's timestamp, as a Kafka record carries its own.
        DataStream<SourceRecord> records = (c.source == PipelineConfig.SourceKind.KAFKA
                ? env.fromSource(KafkaParts.source(c.kafka), parts.watermarks(c), "Measurements source (Kafka)")
                : env.fromSource(new MeasurementGeneratorSource(c.generator), parts.watermarks(c), "Measurements source"))
                .uid(Uids.SOURCE);

        TypeInformation<Measurement> measurementType = TypeInformation.of(Measurement.class);
        PipelineParts.Deserialized parsed = parts.deserialize(records, c);
        DataStream<DeadLetter> deadLetters = parsed.deadLetters();

        DataStream<Measurement> measurements = parsed.measurements();
        if (c.failAfterRecords > 0) {
            measurements = measurements
                    .map(new InjectFailure(c.failAfterRecords, c.checkpointing != PipelineConfig.CheckpointMode.NONE),
                            measurementType)
                    .uid(Uids.INJECT_FAILURE).name("Inject failure");
        }
        measurements = parts.beforeWindows(measurements, c);

        SingleOutputStreamOperator<WindowResult> windows = parts
                .aggregate(measurements
                        .keyBy(new LocationKey())
                        .window(TumblingEventTimeWindows.of(c.windowSize))
                        .sideOutputLateData(LATE_RECORDS))
                .uid(Uids.WINDOWS).name("Windows per location");

        DataStream<Measurement> late = windows.getSideOutput(LATE_RECORDS)
                .process(new CountLateRecords(), measurementType)
                .uid(Uids.COUNT_LATE).name("Count late records");
        // Chained to the windows (forward, same parallelism): each result is measured as it leaves its window.
        DataStream<WindowResult> results = windows
                .map(new ObserveWindowResults(parts.resultMetrics()), TypeInformation.of(WindowResult.class))
                .uid(Uids.RESULT_METRICS).name("Window result metrics");
        return new Outputs(results, late, deadLetters);
    }

    /** The key: a measurement's location. */
    static final class LocationKey implements KeySelector<Measurement, String> {
        @Override
        public String getKey(Measurement m) {
            return m.location;
        }
    }
}
