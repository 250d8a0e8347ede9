package dev.flinkopslab.exercises.capacity;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.capacity.solution.DecodeMeasurementsSolution;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.check.JobThroughput;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.JobStatus;

/** Exercise 4: a job too slow for its topic, because of how it decodes its records. */
@DoNotChangeThis("the check measures your DecodeMeasurements through this class")
public final class CapacityExercise implements Exercise {
    /** The same fixed records for both jobs, replayed as fast as each can go (a few seconds for the reference). */
    static final GeneratorConfig CHECK_DATA = GeneratorConfig.builder().seed(404).maxRecords(40_000).build();
    static final double MIN_THROUGHPUT_RATIO = 0.8;

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String slug() {
        return "capacity";
    }

    @Override
    public String title() {
        return "Capacity and throughput";
    }

    @Override
    public String symptom() {
        return "the job falls behind its topic: the source is backpressured and event-time lag keeps growing";
    }

    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder()
                .generator(GeneratorConfig.builder().unbounded().eventsPerSecond(30_000).build())
                .parallelism(2)
                .build();
    }

    @Override
    public PipelineParts parts(Variant variant) {
        return variant == Variant.SOLUTION ? new DecodeMeasurementsSolution() : new DecodeMeasurements();
    }

    @Override
    public CheckResult check(Variant variant, CheckContext context) throws Exception {
        // Parallelism 1: the rate of one slot. And the decoding runs in one thread per job, so the job that
        // finishes last cannot speed up by taking over the other's share of the CPU.
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(1)
                .idleTimeout(Duration.ZERO).restart(PipelineConfig.RestartKind.NONE, 0, Duration.ZERO).build();
        CheckResult result = new CheckResult(this, variant);
        List<String> kryo = GenericTypes.in(config, parts(variant));
        kryo.forEach(t -> context.progress().println("  generic type: " + t));

        // Both jobs at the same time, each on its own embedded cluster: whatever else the machine is doing
        // slows both alike, so the ratio of their throughputs holds even where absolute figures do not.
        ExecutorService runner = Executors.newFixedThreadPool(2);
        Measured reference;
        Measured yours;
        try {
            Future<Measured> referenceRun = runner.submit(() -> measure("reference", config, new DecodeMeasurementsSolution(), context));
            Future<Measured> yourRun = runner.submit(() -> measure("your job", config, parts(variant), context));
            reference = referenceRun.get();
            yours = yourRun.get();
        } finally {
            runner.shutdownNow();
        }
        double ratio = yours.recordsPerSecond / reference.recordsPerSecond;
        result.figure(Figure.atLeast("throughput ratio your job / reference", ratio, "", MIN_THROUGHPUT_RATIO))
                .figure(Figure.equalTo("generic (Kryo) types in the job", kryo.size(), "", 0))
                .figure(Figure.equalTo("window results that differ from the reference", differing(yours.windows, reference.windows), "", 0))
                .figure(new Figure("your job", yours.recordsPerSecond, "records/s", "reported", true))
                .figure(new Figure("reference", reference.recordsPerSecond, "records/s", "reported", true));
        return result.hint("Find where the decoding step spends its time per record (a thread dump or a profiler "
                + "of the busy vertex): build expensive objects once per function instance, decode into a typed, "
                + "lean class instead of a tree or a map of every field, and let pipeline.generic-types stay false. "
                + "Details in the exercise README.");
    }

    private record Measured(double recordsPerSecond, List<String> windows) {}

    private static Measured measure(String label, PipelineConfig config, PipelineParts parts, CheckContext context)
            throws Exception {
        CheckContext own = new CheckContext(context.workDir().resolve(label.replace(' ', '-')), context.progress());
        try (CheckRun run = CheckRun.start(config, parts, own)) {
            JobStatus status = run.awaitEnd(Duration.ofSeconds(120));
            if (status != JobStatus.FINISHED) {
                throw new IllegalStateException(label + " did not finish (" + status + "): " + run.failureCause());
            }
            Duration took = JobThroughput.duration(run.rest(), run.jobId());
            double rate = JobThroughput.recordsPerSecond(config.generator.maxRecords(), took);
            context.progress().printf("  %-9s %,d records in %.1f s: %,.0f records/s%n", label,
                    config.generator.maxRecords(), took.toMillis() / 1000.0, rate);
            return new Measured(rate, run.windows());
        }
    }

    /** Window results in one output and not in the other. */
    static long differing(List<String> a, List<String> b) {
        Set<String> onlyA = new HashSet<>(a);
        b.forEach(onlyA::remove);
        Set<String> onlyB = new HashSet<>(b);
        a.forEach(onlyB::remove);
        return onlyA.size() + onlyB.size();
    }
}
