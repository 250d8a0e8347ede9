package dev.flinkopslab.exercises.capacity;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.capacity.solution.DecodeMeasurementsSolution;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.check.WindowResults;
import dev.flinkopslab.ops.capacity.JobThroughput;
import dev.flinkopslab.exercises.check.SideBySide;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobStatus;

/** Exercise 4: a job too slow for its topic, because of how it decodes its records. */
@DoNotChangeThis("the check measures your DecodeMeasurements through this class")
public final class CapacityExercise implements Exercise {
    /**
     * The same fixed records for both jobs, replayed as fast as each can go: about 5 s for the reference, long
     * enough that a job's start (deployment, a cold JIT) is a small part of its run time. With 150,000 records
     * (~1.5 s) the solution measured 0.70–1.11 × itself; in a warm JVM (the tests) 500,000 take ~2 s.
     */
    static final GeneratorConfig CHECK_DATA = GeneratorConfig.builder().seed(404).maxRecords(500_000).build();
    static final double MIN_THROUGHPUT_RATIO = 0.8;
    /** 500,000 records, 62,500 per partition 0.8 ms apart: 50 s of event time, ten locations. */
    static final long MIN_WINDOWS = 400;

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

    /** A warm-up pair and {@link #MEASURED_ROUNDS} measured pairs, each two clusters' start and ~5 s of records. */
    @Override
    public Duration checkDuration() {
        return Duration.ofSeconds(12).multipliedBy(MEASURED_ROUNDS + 1);
    }

    /** The job's record types Flink would serialize with Kryo (found without running it): none, for a fix. */
    static Figure genericTypes(List<String> kryo) {
        return Figure.equalTo("generic (Kryo) types in the job", kryo.size(), "", 0);
    }

    static Figure genericTypes(PipelineParts parts) {
        return genericTypes(GenericTypes.in(checkConfig(), parts));
    }

    static PipelineConfig checkConfig() {
        return PipelineConfig.builder().generator(CHECK_DATA).parallelism(1)
                .idleTimeout(Duration.ZERO).restart(PipelineConfig.RestartKind.NONE, 0, Duration.ZERO).build();
    }

    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        // Parallelism 1: the rate of one slot. And the decoding runs in one thread per job, so the job that
        // finishes last cannot speed up by taking over the other's share of the CPU.
        PipelineConfig config = checkConfig();
        List<String> kryo = GenericTypes.in(config, parts);
        kryo.forEach(t -> context.progress().println("  generic type: " + t));

        // Both jobs at the same time, each on its own embedded cluster, so that whatever else the machine does
        // slows both alike. A shorter pair first, not measured, warms the JVM up for both: before its code is
        // compiled, every job is slow and the two look alike.
        PipelineConfig warmUp = config.toBuilder()
                .generator(CHECK_DATA.toBuilder().maxRecords(CHECK_DATA.maxRecords() / 5).build()).build();
        context.progress().println("  warming up");
        sideBySide(warmUp, parts, context, "warm-up-");
        // Three measured pairs; the pair with the median ratio counts. Each ratio compares two jobs that ran at
        // the same time; a pause of the shared CPU in one round can still slow one job more than the other,
        // and the median leaves out the round most disturbed either way.
        List<Pair> pairs = new ArrayList<>();
        for (int round = 1; round <= MEASURED_ROUNDS; round++) {
            context.progress().println("  measuring, round " + round + " of " + MEASURED_ROUNDS);
            Pair pair = sideBySide(config, parts, context, "round-" + round + "-");
            context.progress().printf(Locale.ROOT, "  ratio %.3f%n", pair.ratio());
            pairs.add(pair);
        }
        pairs.sort(Comparator.comparingDouble(Pair::ratio));
        return result(variant, kryo, pairs.get(pairs.size() / 2), config);
    }

    static final int MEASURED_ROUNDS = 3;

    private record Pair(Measured reference, Measured yours) {
        double ratio() {
            return yours.recordsPerSecond / reference.recordsPerSecond;
        }
    }

    private Pair sideBySide(PipelineConfig config, PipelineParts parts, CheckContext context, String prefix) throws Exception {
        List<CheckRun> runs = SideBySide.start(config, new DecodeMeasurementsSolution(), prefix + "reference",
                parts, prefix + "your-job", context);
        try (CheckRun referenceRun = runs.get(0); CheckRun yourRun = runs.get(1)) {
            Measured reference = measure("reference", referenceRun, NO_LIMIT, context);
            // A job at the target ratio ends by 1.25 × the reference's run time; one still running at 1.5 × has
            // missed it, and stopping it there keeps the check short (its rate is what it did until then).
            Measured yours = measure("your job", yourRun, reference.took.multipliedBy(3).dividedBy(2), context);
            return new Pair(reference, yours);
        }
    }

    private CheckResult result(Variant variant, List<String> kryo, Pair pair, PipelineConfig config) {
        Measured reference = pair.reference;
        Measured yours = pair.yours;
        CheckResult result = new CheckResult(this, variant);
        result.figure(Figure.atLeast("throughput ratio your job / reference (median of " + MEASURED_ROUNDS + " rounds)",
                        pair.ratio(), "", MIN_THROUGHPUT_RATIO))
                .figure(genericTypes(kryo));
        if (yours.finished) { // a stopped job's output is incomplete: nothing to compare
            result.figure(WindowResults.compare(WindowResults.expected(CHECK_DATA, CHECK_DATA.resolveOrigin(0),
                    Long.MAX_VALUE, config, m -> m), WindowResults.parseCsv(yours.windows)).figure(MIN_WINDOWS));
        }
        result.figure(new Figure("your job", yours.recordsPerSecond, "records/s", "reported", true))
                .figure(new Figure("reference", reference.recordsPerSecond, "records/s", "reported", true));
        return result.hint("Find where the decoding step spends its time per record (a thread dump or a profiler "
                + "of the busy vertex): build expensive objects once per function instance, decode into a typed, "
                + "lean class instead of a tree or a map of every field, and let pipeline.generic-types stay false. "
                + "Details in the exercise README.");
    }

    /** The reference always runs to its end; this long only if something is badly wrong. */
    private static final Duration NO_LIMIT = Duration.ofMinutes(3);

    private record Measured(double recordsPerSecond, Duration took, boolean finished, List<String> windows) {}

    /** Records / run time of a job, once it ended — or, if its run time reaches {@code limit}, once stopped. */
    private static Measured measure(String label, CheckRun run, Duration limit, CheckContext context) throws Exception {
        JobStatus status = run.awaitEnd(Duration.ofMillis(200));
        while (!status.isGloballyTerminalState() && JobThroughput.duration(run.flink(), run.job()).compareTo(limit) < 0) {
            status = run.awaitEnd(Duration.ofMillis(200));
        }
        if (status == JobStatus.FAILED) {
            throw new IllegalStateException(label + " failed: " + run.failureCause());
        }
        run.stop();
        boolean finished = status == JobStatus.FINISHED;
        if (!finished && limit == NO_LIMIT) {
            throw new IllegalStateException("the reference did not finish within " + limit.toMinutes()
                    + " minutes: is the machine overloaded?");
        }
        long records = finished ? run.config().generator.maxRecords() : run.sourceRecordsOut();
        Duration took = JobThroughput.duration(run.flink(), run.job());
        double rate = JobThroughput.recordsPerSecond(records, took);
        context.progress().printf("  %-9s %,7d records in %5.1f s: %,7.0f records/s%s%n", label, records,
                took.toMillis() / 1000.0, rate, finished ? "" : " (stopped at 1.5 × the reference's run time)");
        return new Measured(rate, took, finished, finished ? run.windows() : List.of());
    }
}
