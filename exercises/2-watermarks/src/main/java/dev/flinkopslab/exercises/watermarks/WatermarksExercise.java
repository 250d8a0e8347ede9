package dev.flinkopslab.exercises.watermarks;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Seam;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.check.WindowResults;
import dev.flinkopslab.exercises.watermarks.solution.MeasurementWatermarksSolution;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Exercise 2: windows that never fire, then records that arrive too late for them. */
@DoNotChangeThis("the check measures your MeasurementWatermarks through this class")
public final class WatermarksExercise implements Exercise {
    /** 4,000 records/s over 8 partitions; nobody writes to partitions 6 and 7. */
    static final GeneratorConfig CHECK_DATA = GeneratorConfig.builder().unbounded().eventsPerSecond(4_000)
            .idlePartitions(List.of(6, 7), 0).build();
    static final Duration RUN = Duration.ofSeconds(16);
    /** Window results are counted from here on: job start and an idle timeout of a few seconds fit before. */
    static final double MEASURE_FROM_SECONDS = 7;
    /** Ten locations, one window per second each: 10 results/s when every window fires. */
    static final double MIN_RESULTS_PER_SECOND = 5;
    /** The data has no late records, so a watermark that covers its out-of-orderness drops none. */
    static final double MAX_LATE_PERCENT = 0.01;
    static final String LATE_RECORDS_METRIC = "numLateRecords";

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String slug() {
        return "watermarks";
    }

    @Override
    public String title() {
        return "Watermarks";
    }

    @Override
    public String symptom() {
        return "records flow in, but no window result ever comes out";
    }

    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder().generator(CHECK_DATA.toBuilder().eventsPerSecond(2_000).build()).build();
    }

    @Override
    public Set<Seam> seams() {
        return Set.of(Seam.WATERMARKS);
    }

    @Override
    public PipelineParts parts(Variant variant) {
        return new PipelineParts() {
            @Override
            public WatermarkStrategy<SourceRecord> watermarks(PipelineConfig c) {
                return variant == Variant.SOLUTION ? MeasurementWatermarksSolution.strategy() : MeasurementWatermarks.strategy();
            }
        };
    }

    @Override
    public Duration checkDuration() {
        return RUN.plusSeconds(6);
    }

    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(2)
                .checkpointInterval(Duration.ofSeconds(2)).build();
        CheckResult result = new CheckResult(this, variant);
        Figure harness = lateInHarness(parts.watermarks(config));
        try (CheckRun run = CheckRun.start(config, parts, context, WatermarksExercise::countWindowResults)) {
            List<Sample> samples = new ArrayList<>();
            run.runFor(RUN, Duration.ofSeconds(1), context, t -> samples.add(sample(run, t, result)));
            Sample last = sample(run, run.secondsSinceStart(), result);
            if (run.status() == JobStatus.FAILED) {
                result.error = "the job failed: " + run.failureCause();
            }
            Sample first = samples.stream().filter(s -> s.seconds >= MEASURE_FROM_SECONDS).findFirst().orElse(last);
            double resultsPerSecond = last.seconds > first.seconds
                    ? (last.windowResults - first.windowResults) / (last.seconds - first.seconds) : 0;
            double latePercent = last.recordsRead == 0 ? 100 : 100.0 * last.lateRecords / last.recordsRead;
            Figure windows = Figure.atLeast(String.format("window results per second (from %.0f s on)",
                    MEASURE_FROM_SECONDS), resultsPerSecond, "/s", MIN_RESULTS_PER_SECOND);
            Figure late = Figure.atMost("late records, of records read", latePercent, "%", MAX_LATE_PERCENT);
            run.stop();
            Figure results = WindowResults.ofRun(run).figure(MIN_WINDOWS);
            result.figure(windows).figure(late).figure(harness).figure(results);
            return result.hint(hint(windows, late, harness, results));
        }
    }

    /** Windows of ten locations committed over the run (from ~4 s to ~12 s): about 80. */
    static final long MIN_WINDOWS = 30;
    /** Harness data: four partitions of 5,000 records each, 10 s of event time with up to 200 ms out of order. */
    static final int HARNESS_PARTITIONS = 4;
    static final long HARNESS_RECORDS_PER_PARTITION = 5_000;

    /** The strategy over data with a known out-of-orderness, a watermark after every record: no record may be late. */
    static Figure lateInHarness(WatermarkStrategy<SourceRecord> strategy) {
        LateRecordsHarness.Outcome outcome = LateRecordsHarness.run(strategy, CHECK_DATA, HARNESS_PARTITIONS,
                HARNESS_RECORDS_PER_PARTITION, 1_000);
        return Figure.equalTo(String.format("late records in a harness run (%,d records up to %d ms out of order, "
                + "a watermark after each)", outcome.records(), CHECK_DATA.outOfOrdernessMs()), outcome.late(), "", 0);
    }

    private static void countWindowResults(MeasurementPipeline.Outputs outputs) {
        outputs.windows().sinkTo(new CountWindowResults()).uid("check-count-window-results")
                .name("Check: count window results");
    }

    private record Sample(double seconds, long windowResults, long lateRecords, long recordsRead) {}

    private static Sample sample(CheckRun run, double t, CheckResult result) throws Exception {
        Sample s = new Sample(t, run.counter(CountWindowResults.METRIC), run.counter(LATE_RECORDS_METRIC),
                run.sourceRecordsOut());
        result.point("window results emitted (total)", t, s.windowResults);
        result.point("late records (% of records read)", t, s.recordsRead == 0 ? 0 : 100.0 * s.lateRecords / s.recordsRead);
        return s;
    }

    private static String hint(Figure windows, Figure late, Figure harness, Figure results) {
        List<String> hints = new ArrayList<>();
        if (!windows.met()) {
            hints.add("Windows do not fire: the watermark does not advance. Compare the watermarks the source "
                    + "subtasks send (Web UI, Watermarks tab) and which partitions of the topic actually carry records.");
        }
        if (!late.met() || !harness.met()) {
            hints.add((late.met() && windows.met() ? "The job drops no record as late here only because watermarks are emitted every "
                    + "200 ms: with one after every record, your bound lets some through late. " : "Records arrive after "
                    + "their window closed: the watermark runs ahead of the data. ") + "Find out how far behind the "
                    + "newest record the others really arrive, and let the watermark wait that long.");
        }
        if (!results.met() && results.measured() && windows.met() && late.met()) {
            hints.add("Window results differ from the reference: every record must count in its own window, once.");
        }
        return String.join(" ", hints) + " Details in the exercise README.";
    }
}
