package dev.flinkopslab.exercises.checkpoints;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Seam;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.check.WindowResults;
import java.util.ArrayList;
import java.util.List;
import dev.flinkopslab.exercises.checkpoints.solution.CheckpointSettingsSolution;
import dev.flinkopslab.exercises.checkpoints.solution.DeduplicateReadingsSolution;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/** Exercise 6: checkpoints that grow without bound, and checkpoints that time out under back pressure. */
@DoNotChangeThis("the check measures your DeduplicateReadings and CheckpointSettings through this class")
public final class CheckpointTuningExercise implements Exercise {
    static final String DEDUPLICATE_UID = "deduplicate-readings";
    static final String CALIBRATE_UID = "calibrate-readings";

    static final long CHECK_RATE = 2_000;
    static final Duration CHECK_RUN = Duration.ofSeconds(20);
    /** A healthy job's state fills up this soon after its first checkpoint; growth is measured from then on. */
    static final double WARM_UP_SECONDS = 2;
    static final double MAX_SIZE_GROWTH = 2.0;
    static final double MAX_DURATION_P90_MS = 1_000;
    static final int MIN_COMPLETED = 5;

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String slug() {
        return "checkpoint-tuning";
    }

    @Override
    public String title() {
        return "State backends and checkpoint tuning";
    }

    @Override
    public String symptom() {
        return "checkpoints grow with every run and, under back pressure, take seconds or time out";
    }

    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder()
                .generator(GeneratorConfig.builder().unbounded().eventsPerSecond(CHECK_RATE).build())
                .checkpointInterval(Duration.ofSeconds(2))
                .build();
    }

    @Override
    public Set<Seam> seams() {
        return Set.of(Seam.DEDUPLICATION, Seam.CHECKPOINT_SETTINGS);
    }

    @Override
    public PipelineParts parts(Variant variant) {
        return variant == Variant.SOLUTION
                ? parts(new DeduplicateReadingsSolution(), CheckpointSettingsSolution::apply)
                : parts(new DeduplicateReadings(), CheckpointSettings::apply);
    }

    /** The pipeline with a deduplication step, a calibration lookup and checkpoint settings. */
    static PipelineParts parts(KeyedProcessFunction<String, Measurement, Measurement> deduplicate,
                               Consumer<Configuration> checkpointSettings) {
        TypeInformation<Measurement> measurementType = TypeInformation.of(Measurement.class);
        return new PipelineParts() {
            @Override
            public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
                return measurements
                        .keyBy(m -> m.sensorId, Types.STRING)
                        .process(deduplicate, measurementType).uid(DEDUPLICATE_UID).name("Deduplicate readings")
                        .map(new CalibrateReadings(), measurementType).uid(CALIBRATE_UID).name("Calibrate readings");
            }

            @Override
            public void configure(Configuration conf, PipelineConfig c) {
                // Durable checkpoints beside the job's output, as a real job keeps them in a distributed file system.
                Path checkpoints = Path.of(c.outputDir).toAbsolutePath().resolveSibling("checkpoints");
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
                // The REST API caches checkpoint statistics for 3 s by default; the check reads them fresh.
                conf.set(RestOptions.CACHE_CHECKPOINT_STATISTICS_TIMEOUT, Duration.ofMillis(200));
                checkpointSettings.accept(conf);
            }
        };
    }

    @Override
    public Duration checkDuration() {
        return CHECK_RUN.plusSeconds(6);
    }

    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        PipelineConfig config = PipelineConfig.builder()
                .generator(GeneratorConfig.builder().seed(606).unbounded().eventsPerSecond(CHECK_RATE).build())
                .parallelism(2).checkpointInterval(Duration.ofSeconds(1))
                .restart(PipelineConfig.RestartKind.FIXED_DELAY, 3, Duration.ofMillis(500))
                .build();
        CheckResult result = new CheckResult(this, variant);
        CheckpointHistory history = new CheckpointHistory();
        Figure results;
        try (CheckRun run = CheckRun.start(config, parts, context)) {
            run.runFor(CHECK_RUN, Duration.ofMillis(500), context, t -> history.read(run));
            history.read(run);
            context.progress().println("  checkpoints: " + history);
            run.stop();
            // Readings sharing sensor and timestamp: the job keeps the one that arrives first, whichever that is.
            results = WindowResults.ofRun(run, CheckpointTuningExercise::calibrated,
                    WindowResults.OptionalReadings.SAME_SENSOR_AND_TIMESTAMP).figure(MIN_WINDOWS);
        }
        for (CheckpointHistory.Checkpoint c : history.completed()) {
            result.point("checkpoint state size (KiB)", c.triggeredAt(), c.stateSize() / 1024.0);
            result.point("checkpoint duration (ms)", c.triggeredAt(), c.durationMs());
        }
        Figure failed = Figure.equalTo("failed checkpoints", history.failed(), "", 0);
        Figure completed = Figure.atLeast("completed checkpoints", history.completed().size(), "", MIN_COMPLETED);
        Figure growth = Figure.atMost("checkpoint size growth (last / early)", history.sizeGrowth(WARM_UP_SECONDS), "×",
                MAX_SIZE_GROWTH).ifNaN("fewer than two completed checkpoints after the first " + (long) WARM_UP_SECONDS + " s");
        Figure duration = Figure.atMost("checkpoint duration p90", history.durationP90Millis(), "ms", MAX_DURATION_P90_MS)
                .ifNaN("no checkpoint ended");
        result.figure(failed).figure(completed).figure(growth).figure(duration).figure(results);
        return result.hint(hint(failed, completed, growth, duration, results));
    }

    /**
     * The job is back-pressured to ~1,000 records/s, so its event time runs at half speed: about 50 windows (five
     * seconds of ten locations) are committed and complete by the end; fewer than 20 means the windows stalled.
     */
    static final long MIN_WINDOWS = 20;

    /**
     * What the job does to a reading before its windows: the registry's calibration. (Its deduplication lets each
     * reading through once; the data has no resends, only readings that share sensor and timestamp by chance, of
     * which the job keeps one: optional in the reference.)
     */
    static Measurement calibrated(Measurement m) {
        return new Measurement(m.sensorId, m.location, m.latitude, m.longitude, m.timestamp,
                m.valueCenti + SensorRegistry.offsetCenti(m.sensorId), m.unit, m.batteryPercent, m.firmware);
    }

    private static String hint(Figure failed, Figure completed, Figure growth, Figure duration, Figure results) {
        List<String> hints = new ArrayList<>();
        if (!growth.met() && growth.measured()) {
            hints.add("State that is never cleared grows every checkpoint: give the deduplication state an expiry "
                    + "(state TTL, or timers that clear it).");
        }
        if (!failed.met() || !duration.met() || !completed.met() || !growth.measured()) {
            hints.add("Under back pressure aligned barriers wait behind in-flight data: look at unaligned checkpoints "
                    + "and buffer debloating rather than a longer timeout.");
        }
        if (!results.met() && results.measured()) {
            hints.add("The window results differ from the reference: the deduplication must let every reading through "
                    + "once — a reading is a resend only if the same sensor sent the same timestamp before, however "
                    + "out of order it arrives.");
        }
        if (hints.isEmpty()) {
            hints.add("Keep the state bounded and checkpoints fast under back pressure.");
        }
        return String.join(" ", hints) + " Details in the exercise README.";
    }
}
