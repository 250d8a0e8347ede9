package dev.flinkopslab.ops.capacity;

import dev.flinkopslab.pipeline.EmbeddedCluster;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Capacity planning by measurement: how many records/s one slot of the job sustains, and so how many slots
 * and TaskManagers a target rate needs.
 *
 * <p>{@link #measure} replays a fixed, bounded set of records as fast as the job can take them, on an
 * embedded cluster, at parallelism 1 (the rate per slot) and optionally 2 (how well it scales here), with
 * the results discarded, and takes the rate from the job's own run time in Flink's REST API. {@link #plan}
 * is the arithmetic: {@code parallelism = ceil(target × (1 + headroom) / rate per slot)}, one slot per
 * parallel subtask, {@code TaskManagers = ceil(slots / slots per TaskManager)}.
 *
 * <p>The rate per slot holds for a slot with a core of its own: on a machine with fewer cores than the
 * measurement's threads, the parallelism-2 figure scales less than 2× because the runs share the CPU.
 */
public final class CapacityPlanner {
    /** 30 % spare capacity: room to catch up after a restart, and for peaks. */
    public static final double DEFAULT_HEADROOM = 0.30;
    /** A TaskManager with 4 cores, one slot per core. */
    public static final int DEFAULT_SLOTS_PER_TASK_MANAGER = 4;
    /** Records replayed per measurement: some seconds of work, so the job's start-up hardly counts. */
    public static final long DEFAULT_RECORDS = 300_000;

    private final PipelineParts parts;
    private final long records;
    private final PrintStream progress;

    /** Rates measured at parallelism 1 and (when asked for) 2; {@code NaN} when not measured. */
    public record Throughput(double parallelism1, double parallelism2) {
        /** Rate per slot: the parallelism-1 rate. */
        public double perSlot() {
            return parallelism1;
        }

        /** parallelism-2 rate / (2 × parallelism-1 rate): 1 is linear scaling; {@code NaN} when not measured. */
        public double scalingEfficiency() {
            return parallelism2 / (2 * parallelism1);
        }
    }

    public CapacityPlanner(PipelineParts parts, long records, PrintStream progress) {
        if (records < 1) {
            throw new IllegalArgumentException("records must be positive (got " + records + ")");
        }
        this.parts = parts;
        this.records = records;
        this.progress = progress;
    }

    /** Measures the job at parallelism 1, and at 2 when {@code alsoParallelism2}. */
    public Throughput measure(boolean alsoParallelism2) throws Exception {
        double p1 = recordsPerSecond(1);
        double p2 = alsoParallelism2 ? recordsPerSecond(2) : Double.NaN;
        if (alsoParallelism2) {
            progress.printf("scaling 1 → 2: %.2f× (%.0f%% of linear)%n", p2 / p1, 100 * p2 / (2 * p1));
        }
        return new Throughput(p1, p2);
    }

    /** Measures and plans: what {@code lab capacity --target-rate N} prints. */
    public CapacityPlan measureAndPlan(long targetRate, double headroom, int slotsPerTaskManager) throws Exception {
        Throughput throughput = measure(false);
        return plan(targetRate, headroom, throughput.perSlot(), slotsPerTaskManager, GeneratorConfig.defaults().partitions());
    }

    /** The parallelism, slots and TaskManagers for {@code targetRate} at {@code perSlotRate} records/s per slot. */
    public static CapacityPlan plan(long targetRate, double headroom, double perSlotRate, int slotsPerTaskManager,
                                    int partitions) {
        require(targetRate > 0, "target rate must be positive (got " + targetRate + ")");
        require(headroom >= 0, "headroom must not be negative (got " + headroom + ")");
        require(perSlotRate > 0 && Double.isFinite(perSlotRate), "rate per slot must be positive (got " + perSlotRate + ")");
        require(slotsPerTaskManager >= 1, "slots per TaskManager must be at least 1 (got " + slotsPerTaskManager + ")");
        require(partitions >= 1, "partitions must be at least 1 (got " + partitions + ")");
        double needed = targetRate * (1 + headroom) / perSlotRate;
        // Within a rounding error of a whole number is that number: 65,000 / 13,000 must not become 6 slots.
        int parallelism = (int) Math.max(1, Math.ceil(needed - 1e-9));
        int slots = parallelism;
        int taskManagers = (slots + slotsPerTaskManager - 1) / slotsPerTaskManager;
        return new CapacityPlan(targetRate, headroom, perSlotRate, parallelism, slots, slotsPerTaskManager,
                taskManagers, partitions);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** One bounded, unthrottled run at {@code parallelism}: records / the job's run time. */
    private double recordsPerSecond(int parallelism) throws Exception {
        PipelineConfig c = PipelineConfig.builder()
                .generator(GeneratorConfig.builder().maxRecords(records).build())
                .parallelism(parallelism)
                .idleTimeout(Duration.ZERO)
                .restart(PipelineConfig.RestartKind.NONE, 0, Duration.ZERO)
                .sink(PipelineConfig.SinkKind.DISCARD)
                .jobName("capacity-p" + parallelism)
                .build();
        Configuration jobConfiguration = MeasurementPipeline.flinkConfiguration(c, parts);
        try (EmbeddedCluster cluster = EmbeddedCluster.start(new Configuration(jobConfiguration), parallelism)) {
            StreamExecutionEnvironment env = cluster.environment(jobConfiguration);
            PipelineSinks.attach(MeasurementPipeline.build(env, c, parts), c);
            JobClient job = env.executeAsync(c.jobName);
            JobID jobId = job.getJobID();
            FlinkJobs rest = cluster.flink();
            long start = System.nanoTime();
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            while (!status.isGloballyTerminalState()) {
                Thread.sleep(1000);
                status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                double elapsed = (System.nanoTime() - start) / 1e9;
                long done = status.isGloballyTerminalState() ? records : sourceRecords(rest, jobId);
                progress.printf("  parallelism %d: %,d / %,d records, %.1f s, %,.0f records/s%n", parallelism, done,
                        records, elapsed, done / elapsed);
            }
            if (status != JobStatus.FINISHED) {
                throw new IllegalStateException("the measurement job ended " + status + " instead of finishing");
            }
            Duration took = JobThroughput.duration(rest, jobId);
            double rate = JobThroughput.recordsPerSecond(records, took);
            progress.printf("parallelism %d: %,d records in %.1f s (job run time) = %,.0f records/s%n", parallelism,
                    records, took.toMillis() / 1000.0, rate);
            return rate;
        }
    }

    private static long sourceRecords(FlinkJobs rest, JobID jobId) {
        try {
            return rest.sourceRecordsOut(jobId);
        } catch (Exception e) {
            return 0; // metrics not there yet
        }
    }
}
