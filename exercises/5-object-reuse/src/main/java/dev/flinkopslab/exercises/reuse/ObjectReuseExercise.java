package dev.flinkopslab.exercises.reuse;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Seam;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
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
        return variant == Variant.SOLUTION
                ? new CleanReadingsSolution() {
                    @Override
                    public void configure(Configuration flinkConfiguration, PipelineConfig c) {
                        super.configure(flinkConfiguration, c);
                        flinkConfiguration.set(PipelineOptions.OBJECT_REUSE, objectReuse);
                    }
                }
                : new CleanReadings() {
                    @Override
                    public void configure(Configuration flinkConfiguration, PipelineConfig c) {
                        super.configure(flinkConfiguration, c);
                        flinkConfiguration.set(PipelineOptions.OBJECT_REUSE, objectReuse);
                    }
                };
    }

    @Override
    public CheckResult check(Variant variant, CheckContext context) throws Exception {
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(2)
                .idleTimeout(Duration.ZERO).restart(PipelineConfig.RestartKind.NONE, 0, Duration.ZERO).build();
        // Side by side, so that a busy machine slows both alike and the throughput figure means something.
        List<CheckRun> runs = SideBySide.start(config, parts(variant, false), "object-reuse-off",
                parts(variant, true), "object-reuse-on", context);
        Run off;
        Run on;
        try (CheckRun offRun = runs.get(0); CheckRun onRun = runs.get(1)) {
            off = measure("object reuse off", offRun, context);
            on = measure("object reuse on", onRun, context);
        }
        long differing = differing(off.windows, on.windows);
        context.progress().printf("  %,d window results with object reuse off, %,d with it on, %,d differ%n",
                off.windows.size(), on.windows.size(), differing);
        return new CheckResult(this, variant)
                .figure(Figure.equalTo("window results that differ between object reuse on and off", differing, "", 0))
                .figure(new Figure("throughput with object reuse on / off (informational)",
                        on.recordsPerSecond / off.recordsPerSecond, "×", "reported", true))
                .hint("Between chained operators, object reuse hands the next function the very object the previous "
                        + "one emitted, with no copy. A function must not change an object after emitting it, and "
                        + "must copy what it keeps beyond one call. Details in the exercise README.");
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
