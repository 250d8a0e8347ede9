package dev.flinkopslab.exercises.check;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.flink.JobFailure;
import dev.flinkopslab.pipeline.EmbeddedCluster;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PartFiles;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.PipelineSinks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One job run for a check: the pipeline with the given parts, on its own embedded cluster, with file sinks
 * in the check's directory. Gives the check what it measures with — Flink's REST API, the job's metrics
 * (kept after the job ends) and its committed output — and cleans up on close.
 */
public final class CheckRun implements AutoCloseable {
    private final EmbeddedCluster cluster;
    private final JobClient job;
    private final PipelineConfig config;
    private final java.io.PrintStream progress;
    private final long startNanos = System.nanoTime();
    private long nextProgressNanos = startNanos;

    private CheckRun(EmbeddedCluster cluster, JobClient job, PipelineConfig config, java.io.PrintStream progress) {
        this.cluster = cluster;
        this.job = job;
        this.config = config;
        this.progress = progress;
    }

    public static CheckRun start(PipelineConfig config, PipelineParts parts, CheckContext context) throws Exception {
        return start(config, parts, context, outputs -> {});
    }

    /** @param probes adds measuring operators to the pipeline's outputs (they need a uid and a name, too) */
    public static CheckRun start(PipelineConfig config, PipelineParts parts, CheckContext context,
                                 Consumer<MeasurementPipeline.Outputs> probes) throws Exception {
        return start(config, parts, context, probes, null);
    }

    /**
     * Starts the job restoring its state from a savepoint (or retained checkpoint), as {@code flink run -s} does.
     * Whether the restore works shows in the job's status and exception history, not here.
     */
    public static CheckRun startFromSavepoint(PipelineConfig config, PipelineParts parts, CheckContext context,
                                              Path savepoint) throws Exception {
        return start(config, parts, context, outputs -> {}, savepoint);
    }

    private static CheckRun start(PipelineConfig config, PipelineParts parts, CheckContext context,
                                  Consumer<MeasurementPipeline.Outputs> probes, Path restoreFrom) throws Exception {
        PipelineConfig c = config.toBuilder().sink(PipelineConfig.SinkKind.FILE)
                .outputDir(context.workDir().resolve("output").toString()).build();
        Configuration jobConfiguration = MeasurementPipeline.flinkConfiguration(c, parts);
        // The cluster gets the job's settings too: parts may configure cluster-wide things (metric reporters).
        Configuration clusterConfiguration = RetainedMetrics.addTo(new Configuration(jobConfiguration));
        clusterConfiguration.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        // REST keeps the last 10 checkpoints by default; a check that reads the history now and then keeps all.
        clusterConfiguration.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 200);
        EmbeddedCluster cluster = EmbeddedCluster.start(clusterConfiguration, c.parallelism);
        c = withFixedOrigin(c);
        if (restoreFrom != null) {
            jobConfiguration.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        try {
            StreamExecutionEnvironment env = cluster.environment(jobConfiguration);
            MeasurementPipeline.Outputs outputs = MeasurementPipeline.build(env, c, parts);
            PipelineSinks.attach(outputs, c);
            probes.accept(outputs);
            return new CheckRun(cluster, env.executeAsync(c.jobName), c, context.progress());
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * An unbounded run's event-time origin, fixed now that the cluster runs (a moment ahead, for the job's
     * deployment) instead of when the source starts: the same records as before, and known, so the check can
     * compute the window results the run must produce ({@link WindowResults}).
     */
    private static PipelineConfig withFixedOrigin(PipelineConfig c) {
        if (c.generator.bounded() || c.generator.resolveOrigin(Long.MIN_VALUE) != Long.MIN_VALUE) {
            return c;
        }
        return c.toBuilder().generator(c.generator.toBuilder()
                .eventTimeOriginMs(System.currentTimeMillis() + DEPLOYMENT_ALLOWANCE_MS).build()).build();
    }

    /** About how long a job takes from submission to its source's first record on an embedded cluster. */
    static final long DEPLOYMENT_ALLOWANCE_MS = 1_000;

    public String jobId() {
        return job.getJobID().toString();
    }

    public JobID job() {
        return job.getJobID();
    }

    /** The job through Flink's REST API, as any tool would read it. */
    public FlinkJobs flink() {
        return cluster.flink();
    }

    /** Records the job's sources have emitted so far. */
    public long sourceRecordsOut() throws FlinkRestException {
        return flink().sourceRecordsOut(job());
    }

    public String restUrl() {
        return cluster.restUrl();
    }

    public PipelineConfig config() {
        return config;
    }

    public double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public JobStatus status() throws Exception {
        return job.getJobStatus().get(10, TimeUnit.SECONDS);
    }

    /** Waits until the job ends by itself, at most {@code max}; returns its status then. */
    public JobStatus awaitEnd(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        JobStatus status = status();
        while (!status.isGloballyTerminalState() && System.nanoTime() < deadline) {
            reportProgress(status);
            Thread.sleep(200);
            status = status();
        }
        return status;
    }

    /** Something measured at intervals while the job runs. */
    @FunctionalInterface
    public interface Sampler {
        void sample(double secondsSinceStart) throws Exception;
    }

    /**
     * Lets the job run for {@code duration} (or until it ends by itself), calling {@code sampler} every
     * {@code every}, and printing a progress line every few seconds.
     */
    public void runFor(Duration duration, Duration every, CheckContext context, Sampler sampler) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            JobStatus status = status();
            if (status.isGloballyTerminalState()) {
                return;
            }
            sampler.sample(secondsSinceStart());
            reportProgress(status);
            Thread.sleep(Math.max(1, Math.min(every.toMillis(), (end - System.nanoTime()) / 1_000_000)));
        }
    }

    /** A line every 5 s: the check takes a while, and a learner should see it is alive. */
    private void reportProgress(JobStatus status) {
        if (System.nanoTime() >= nextProgressNanos) {
            progress.printf("  %5.1fs  job %s, %d failures so far%n", secondsSinceStart(), status, failuresOrMinusOne());
            nextProgressNanos = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        }
    }

    private int failuresOrMinusOne() {
        try {
            return failures();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Cancels the job if it still runs and waits until it has ended. */
    public void stop() throws Exception {
        if (!status().isGloballyTerminalState()) {
            job.cancel().get(30, TimeUnit.SECONDS);
            awaitEnd(Duration.ofSeconds(30));
        }
    }

    /**
     * Stops the job with a savepoint in {@code directory} (the job's sources stop, a final savepoint is taken,
     * the job ends FINISHED) and returns the savepoint's path.
     */
    public Path stopWithSavepoint(Path directory) throws Exception {
        String location = job.stopWithSavepoint(false, directory.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);
        awaitEnd(Duration.ofSeconds(30));
        return location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
    }

    /** Failures the job went through (Flink's exception history; each one is a restart, or the final failure). */
    public int failures() throws Exception {
        return flink().failureCount(job());
    }

    /** Why the job failed, if it did: the failure that started its restarts, with its root cause. */
    public String failureCause() throws Exception {
        return flink().firstFailure(job()).map(JobFailure::describe).orElse("no failure recorded");
    }

    public long counter(String name) {
        return RetainedMetrics.counterSum(jobId(), name);
    }

    public List<Histogram> histograms(String name) {
        return RetainedMetrics.histograms(jobId(), name);
    }

    public Path outputDir() {
        return Path.of(config.outputDir);
    }

    public List<String> windows() {
        return PartFiles.committedLines(outputDir().resolve(PipelineSinks.WINDOWS_DIR));
    }

    public List<String> deadLetters() {
        return PartFiles.committedLines(outputDir().resolve(PipelineSinks.DEAD_LETTERS_DIR));
    }

    public List<String> lateRecords() {
        return PartFiles.committedLines(outputDir().resolve(PipelineSinks.LATE_DIR));
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            RetainedMetrics.forget(jobId());
            cluster.close();
        }
    }
}
