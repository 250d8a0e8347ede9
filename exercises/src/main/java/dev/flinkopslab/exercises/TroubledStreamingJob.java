package dev.flinkopslab.exercises;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.ParseMetrics;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.pipeline.ResultMetrics;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.SourceRecord;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The troubled job: the measurement pipeline with the learner's code of every exercise that has
 * {@linkplain Exercise#seams seams} in it at once, as it looks at the start of the training day — it restarts
 * (1), its windows stall (2), its results are late (3), it goes wrong with object reuse (5), its state grows
 * and its checkpoints struggle (6), and it is blind (8). Each {@link Seam} is filled by the learner's file of
 * the one exercise that owns it (the table is the exercises' {@link Exercise#seams}; two owners of one seam
 * are refused when the job is built), so fixing an exercise fixes it here too; a seam nobody owns keeps the
 * reference part. Exercises 4 (capacity: a slower deserializer, measured against the reference) and 7 (an
 * upgrade between two versions) need a second job to show, own no seam, and run on their own.
 */
@DoNotChangeThis("it assembles the exercises' files; fix those instead")
public final class TroubledStreamingJob extends PipelineParts {
    private final Map<Seam, Exercise> owners;
    private final Map<Seam, PipelineParts> learner;

    /** The troubled job of all exercises. */
    public TroubledStreamingJob() {
        this(Exercises.all());
    }

    /** The troubled job of these exercises; refuses two owners of one seam. */
    TroubledStreamingJob(List<Exercise> exercises) {
        Map<Seam, Exercise> owners = new EnumMap<>(Seam.class);
        Map<Seam, PipelineParts> learner = new EnumMap<>(Seam.class);
        for (Exercise e : exercises) {
            if (e.seams().isEmpty()) {
                continue;
            }
            PipelineParts parts = e.parts(Variant.LEARNER);
            for (Seam seam : e.seams()) {
                Exercise other = owners.putIfAbsent(seam, e);
                if (other != null) {
                    throw new IllegalArgumentException("seam " + seam + " (" + seam.description() + ") has two owners: "
                            + "exercise " + other.number() + " and exercise " + e.number());
                }
                learner.put(seam, parts);
            }
        }
        this.owners = Collections.unmodifiableMap(owners);
        this.learner = learner;
    }

    /** Which exercise owns each seam of this job; a seam missing here keeps the reference part. */
    public Map<Seam, Exercise> owners() {
        return owners;
    }

    /** The exercises composed, in the order of the agenda. */
    public List<Exercise> exercises() {
        return owners.values().stream().distinct().sorted(java.util.Comparator.comparingInt(Exercise::number)).toList();
    }

    /** "1, 2, 3, 5, 6 and 8": the numbers of the exercises composed, for people. */
    public String exerciseNumbers() {
        List<String> numbers = exercises().stream().map(e -> Integer.toString(e.number())).toList();
        return numbers.size() <= 1 ? String.join("", numbers)
                : String.join(", ", numbers.subList(0, numbers.size() - 1)) + " and " + numbers.get(numbers.size() - 1);
    }

    /** The parts that fill {@code seam}: the learner's parts of its owner, or the reference. */
    public PipelineParts at(Seam seam) {
        return learner.getOrDefault(seam, PipelineParts.REFERENCE);
    }

    /** The distinct parts filling the seams of one kind, in the order of the seams. */
    private Set<PipelineParts> of(Seam.Kind kind) {
        return learner.entrySet().stream().filter(e -> e.getKey().kind() == kind).map(Map.Entry::getValue)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public Optional<Exercise> owner(Seam seam) {
        return Optional.ofNullable(owners.get(seam));
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
        return at(Seam.WATERMARKS).watermarks(c);
    }

    // deserialize(...) stays the reference's: one operator running this job's deserializer and parse metrics.

    @Override
    public ProcessFunction<SourceRecord, Measurement> deserializer(PipelineConfig c) {
        return at(Seam.PARSE).deserializer(c);
    }

    @Override
    public ParseMetrics parseMetrics() {
        return at(Seam.PARSE_METRICS).parseMetrics();
    }

    @Override
    public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
        DataStream<Measurement> stream = measurements;
        for (PipelineParts step : of(Seam.Kind.STEP)) {
            stream = step.beforeWindows(stream, c);
        }
        return stream;
    }

    @Override
    public SingleOutputStreamOperator<WindowResult> aggregate(WindowedStream<Measurement, String, TimeWindow> windows) {
        return at(Seam.WINDOW_FUNCTION).aggregate(windows);
    }

    @Override
    public ResultMetrics resultMetrics() {
        return at(Seam.RESULT_METRICS).resultMetrics();
    }

    @Override
    public void configure(Configuration conf, PipelineConfig c) {
        for (PipelineParts settings : of(Seam.Kind.SETTINGS)) {
            settings.configure(conf, c);
        }
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
