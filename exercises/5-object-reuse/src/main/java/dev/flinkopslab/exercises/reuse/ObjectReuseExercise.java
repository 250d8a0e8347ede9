package dev.flinkopslab.exercises.reuse;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Seam;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.check.WindowResults;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import dev.flinkopslab.ops.capacity.JobThroughput;
import dev.flinkopslab.exercises.check.SideBySide;
import dev.flinkopslab.exercises.reuse.solution.CleanReadingsSolution;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;

/** Exercise 5: a job that is right without object reuse and silently wrong with it. */
@DoNotChangeThis("the check measures your CleanReadings through this class")
public final class ObjectReuseExercise implements Exercise {
    /** The same fixed records for both runs, replayed as fast as each can go. */
    static final GeneratorConfig CHECK_DATA = GeneratorConfig.builder().seed(505).maxRecords(120_000).build();

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String slug() {
        return "object-reuse";
    }

    @Override
    public String title() {
        return "Serialization and object reuse";
    }

    @Override
    public String symptom() {
        return "with object reuse on, window results all but stop; no error, no restart, the job keeps running";
    }

    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder()
                .generator(GeneratorConfig.builder().unbounded().eventsPerSecond(5_000).build())
                .parallelism(2)
                .build();
    }

    @Override
    public Set<Seam> seams() {
        return Set.of(Seam.CLEANING, Seam.OBJECT_REUSE);
    }

    /** As the job runs in production: the platform team's cluster setting, object reuse on. */
    @Override
    public PipelineParts parts(Variant variant) {
        return parts(variant, true);
    }

    @DoNotChangeThis("object reuse is the cluster's setting, not the job's: the check turns it off and on")
    static PipelineParts parts(Variant variant, boolean objectReuse) {
        return withObjectReuse(variant == Variant.SOLUTION ? new CleanReadingsSolution() : new CleanReadings(), objectReuse);
    }

    /**
     * {@code parts}' cleaning steps (this exercise's seams; the rest is the reference), with object reuse set on
     * or off after their own configuration.
     */
    static PipelineParts withObjectReuse(PipelineParts parts, boolean objectReuse) {
        return new PipelineParts() {
            @Override
            public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
                return parts.beforeWindows(measurements, c);
            }

            @Override
            public void configure(Configuration flinkConfiguration, PipelineConfig c) {
                parts.configure(flinkConfiguration, c);
                flinkConfiguration.set(PipelineOptions.OBJECT_REUSE, objectReuse);
            }
        };
    }

    @Override
    public PipelineParts checkedParts(Variant variant) {
        return variant == Variant.SOLUTION ? new CleanReadingsSolution() : new CleanReadings();
    }

    /** Two bounded runs side by side (~3 s of records each) and the clusters' start: 7–25 s, by the machine's load. */
    @Override
    public Duration checkDuration() {
        return Duration.ofSeconds(15);
    }

    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(2)
                .idleTimeout(Duration.ZERO).restart(PipelineConfig.RestartKind.NONE, 0, Duration.ZERO).build();
        CheckResult result = new CheckResult(this, variant);
        List<Figure> harness = harnessFigures(parts, config);
        // Side by side, so that a busy machine slows both alike and the throughput figure means something.
        List<CheckRun> runs = SideBySide.start(config, withObjectReuse(parts, false), "object-reuse-off",
                withObjectReuse(parts, true), "object-reuse-on", context);
        Run off;
        Run on;
        WindowResults.Comparison reference;
        try (CheckRun offRun = runs.get(0); CheckRun onRun = runs.get(1)) {
            off = measure("object reuse off", offRun, context);
            on = measure("object reuse on", onRun, context);
            // The data has no resends; two readings sharing sensor and timestamp by chance may arrive in a row.
            reference = WindowResults.ofRun(onRun, ObjectReuseExercise::calibrated,
                    WindowResults.OptionalReadings.SAME_SENSOR_AND_TIMESTAMP);
        }
        long differing = differing(off.windows, on.windows);
        context.progress().printf("  %,d window results with object reuse off, %,d with it on, %,d differ%n",
                off.windows.size(), on.windows.size(), differing);
        Figure onOff = Figure.equalTo("window results that differ between object reuse on and off", differing, "", 0);
        Figure results = reference.figure(MIN_WINDOWS);
        result.figure(onOff).figure(results);
        harness.forEach(result::figure);
        return result.figure(new Figure("throughput with object reuse on / off (informational)",
                        on.recordsPerSecond / off.recordsPerSecond, "×", "reported", true))
                .hint(hint(onOff, results, harness));
    }

    /** 120,000 records, 15,000 per partition 0.8 ms apart: 12 s of event time, 130 windows of ten locations. */
    static final long MIN_WINDOWS = 100;

    /** What the reference does between parsing and the windows: firmware 2.0.x reads 0.40 °C too warm. */
    static Measurement calibrated(Measurement m) {
        long value = m.firmware != null && m.firmware.startsWith("2.0.") ? m.valueCenti - 40 : m.valueCenti;
        return new Measurement(m.sensorId, m.location, m.latitude, m.longitude, m.timestamp, value, m.unit,
                m.batteryPercent, m.firmware);
    }

    /** Readings for the harness: the check's data, every fifth reading sent twice in a row. */
    static List<Measurement> harnessReadings() {
        List<Measurement> readings = new java.util.ArrayList<>();
        List<Measurement> data = dev.flinkopslab.testing.ExpectedResults.measurements(CHECK_DATA,
                CHECK_DATA.resolveOrigin(0), Long.MAX_VALUE);
        for (int i = 0; i < HARNESS_READINGS; i++) {
            Measurement m = data.get(i);
            readings.add(m);
            if (i % 5 == 4) {
                readings.add(new Measurement(m.sensorId, m.location, m.latitude, m.longitude, m.timestamp, m.valueCenti,
                        m.unit, m.batteryPercent, m.firmware));
            }
        }
        return readings;
    }

    static final int HARNESS_READINGS = 500;

    /** The cleaning steps in Flink's operator harness, fed reused input objects (see {@link ReuseHarness}). */
    static List<Figure> harnessFigures(PipelineParts parts, PipelineConfig config) throws Exception {
        ReuseHarness.Outcome outcome = ReuseHarness.run(parts, config, harnessReadings());
        return List.of(
                Figure.equalTo(String.format("readings out of the cleaning steps that change when their input objects "
                        + "are reused (harness, %d out)", outcome.readingsOut()), outcome.differing(), "", 0),
                Figure.equalTo("steps that change an object after returning it (harness"
                        + (outcome.stepsChangingTheirOutput().isEmpty() ? "" : ": " + String.join(", ", outcome.stepsChangingTheirOutput()))
                        + ")", outcome.stepsChangingTheirOutput().size(), "", 0));
    }

    private static String hint(Figure onOff, Figure results, List<Figure> harness) {
        List<String> hints = new java.util.ArrayList<>();
        if (!onOff.met() || !harness.get(0).met()) {
            hints.add("Between chained operators, object reuse hands the next function the very object the previous "
                    + "one emitted, with no copy, and that object may change after the call: a function must copy "
                    + "what it keeps beyond one call (the harness hands your steps one object, refilled for every "
                    + "reading).");
        }
        if (!harness.get(1).met()) {
            hints.add("A step changes the object it returned when it is called again: whoever received it (the next "
                    + "function, with object reuse) sees it change. Emit a new object per record.");
        }
        if (!results.met() && results.measured() && onOff.met()) { // else object reuse explains it
            hints.add("The window results differ from the reference: the cleaning must still calibrate firmware 2.0.x "
                    + "readings (-0.40 °C) and drop only readings sent twice in a row.");
        }
        if (hints.isEmpty()) {
            hints.add("A function must not change an object after emitting it, and must copy what it keeps beyond one call.");
        }
        return String.join(" ", hints) + " Details in the exercise README.";
    }

    private record Run(double recordsPerSecond, List<String> windows) {}

    private static Run measure(String label, CheckRun run, CheckContext context) throws Exception {
        JobStatus status = run.awaitEnd(Duration.ofSeconds(120));
        if (status != JobStatus.FINISHED) {
            throw new IllegalStateException("the job with " + label + " did not finish (" + status + "): "
                    + run.failureCause());
        }
        long records = run.config().generator.maxRecords();
        Duration took = JobThroughput.duration(run.flink(), run.job());
        double rate = JobThroughput.recordsPerSecond(records, took);
        context.progress().printf("  %-16s %,d records in %.1f s: %,.0f records/s%n", label, records,
                took.toMillis() / 1000.0, rate);
        return new Run(rate, run.windows());
    }

    /** Window results (location and window) whose line differs between the runs, or that only one run has. */
    static long differing(List<String> a, List<String> b) {
        Map<String, String> byWindow = new HashMap<>();
        a.forEach(line -> byWindow.put(windowKey(line), line));
        long differ = 0;
        for (String line : b) {
            String other = byWindow.remove(windowKey(line));
            if (!line.equals(other)) {
                differ++;
            }
        }
        return differ + byWindow.size();
    }

    /** {@code windowStart,windowEnd,location}: the first three fields of a window result line. */
    private static String windowKey(String line) {
        int third = line.indexOf(',', line.indexOf(',', line.indexOf(',') + 1) + 1);
        return third < 0 ? line : line.substring(0, third);
    }
}
