package dev.flinkopslab.exercises.latency;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Seam;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.check.RetainedMetrics;
import dev.flinkopslab.exercises.check.WindowResults;
import dev.flinkopslab.exercises.latency.solution.WindowResultPartsSolution;
import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.TaskCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;

/** Exercise 3: window results that arrive seconds after their window has closed. */
@DoNotChangeThis("the check measures your WindowResultParts through this class")
public final class LatencyExercise implements Exercise {
    /** A steady 4,000 records/s; event times up to 200 ms out of order, as always. */
    static final GeneratorConfig CHECK_DATA = GeneratorConfig.builder().unbounded().eventsPerSecond(4_000).build();
    static final Duration RUN = Duration.ofSeconds(16);
    /** Event time at the start left out of the latency figures: it includes the job's start. */
    static final long WARM_UP_MS = 5_000;
    /** The pipeline's out-of-orderness bound (250 ms) is the wait no fix can remove; 150 ms on top of it. */
    static final double MAX_P99_MS = 400;
    /** Ten locations a second for the ~10 s measured. */
    static final long MIN_RESULTS = 50;
    /**
     * Accumulators, timers and the chained sinks' state (~11 KB), not the readings of every open window (at
     * 4,000 records/s, 0.3–1.3 s of them: 80–400 KB, more with slow watermarks).
     */
    static final double MAX_WINDOW_STATE_KB = 32;
    static final String WINDOW_VERTEX = "Windows per location";

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String slug() {
        return "latency";
    }

    @Override
    public String title() {
        return "Latency";
    }

    @Override
    public String symptom() {
        return "window results arrive seconds after their window has closed";
    }

    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder().generator(CHECK_DATA).build();
    }

    @Override
    public Set<Seam> seams() {
        return Set.of(Seam.WINDOW_FUNCTION, Seam.LATENCY_SETTINGS);
    }

    @Override
    public PipelineParts parts(Variant variant) {
        return variant == Variant.SOLUTION ? new WindowResultPartsSolution() : new WindowResultParts();
    }

    @Override
    public Duration checkDuration() {
        return RUN.plusSeconds(6);
    }

    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        // Checkpoints every 5 s, so the window state is measured in a checkpoint of a running job.
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(2)
                .checkpointInterval(Duration.ofSeconds(5)).build();
        CheckResult result = new CheckResult(this, variant);
        try (CheckRun run = CheckRun.start(config, parts, context, LatencyExercise::probeLatency)) {
            run.runFor(RUN, Duration.ofMillis(250), context, t -> latestLatency(run)
                    .ifPresent(ms -> result.point("result latency (ms after window end)", t, ms)));
            long stateBytes = windowStateBytes(run);
            if (run.status() == JobStatus.FAILED) {
                result.error = "the job failed: " + run.failureCause();
            }
            HistogramStatistics latency = run.histograms(EmitLatencyProbe.LATENCY_METRIC).stream()
                    .map(Histogram::getStatistics).findFirst().orElseThrow();
            Figure p99 = latencyP99(latency);
            if (latency.size() > 0) {
                context.progress().printf(Locale.ROOT, "  result latency over %d results: min %d ms, p50 %.0f ms, p99 %.0f ms, max %d ms%n",
                        latency.size(), latency.getMin(), latency.getQuantile(0.5), latency.getQuantile(0.99), latency.getMax());
            }
            Figure earliest = earliestResult(latency);
            Figure state = windowState(stateBytes);
            run.stop();
            Figure results = WindowResults.ofRun(run).figure(MIN_WINDOWS);
            result.figure(p99)
                    .figure(earliest)
                    .figure(Figure.atLeast("window results measured", latency.size(), "", MIN_RESULTS))
                    .figure(state)
                    .figure(results);
            return result.hint(hint(p99, earliest, state, results));
        }
    }

    /** Windows committed by the checkpoints at 5 s and 10 s (up to two windows before the latest): about 50. */
    static final long MIN_WINDOWS = 20;

    /**
     * No result of a window can be right before the window has ended: its last readings may still come. A result
     * that leaves earlier (an early-firing trigger, a partial result) shows here as a negative latency.
     */
    private static Figure earliestResult(HistogramStatistics latency) {
        Figure f = Figure.atLeast("earliest result (wall clock − window end)", latency.size() == 0 ? Double.NaN
                : latency.getMin(), "ms", 0);
        return f.ifNaN("no results");
    }

    private static Figure latencyP99(HistogramStatistics latency) {
        String name = "result latency p99 (wall clock − window end)";
        return Figure.atMost(name, latency.size() == 0 ? Double.NaN : latency.getQuantile(0.99), "ms", MAX_P99_MS)
                .ifNaN("no results");
    }

    private static Figure windowState(long bytes) {
        String name = "window state (largest checkpoint)";
        return Figure.atMost(name, bytes < 0 ? Double.NaN : bytes / 1024.0, "KB", MAX_WINDOW_STATE_KB)
                .ifNaN("no checkpoint completed");
    }

    /** The probe sits one network hop after the windows, at parallelism 1: where a sink or a dashboard reads. */
    private static void probeLatency(MeasurementPipeline.Outputs outputs) {
        outputs.windows().rebalance().sinkTo(new EmitLatencyProbe(WARM_UP_MS)).setParallelism(1)
                .uid("check-result-latency").name("Check: result latency");
    }

    private static Optional<Long> latestLatency(CheckRun run) {
        for (Metric m : RetainedMetrics.metrics(run.jobId(), EmitLatencyProbe.LATEST_METRIC)) {
            if (m instanceof Gauge<?> g && g.getValue() instanceof Long ms && ms > 0) {
                return Optional.of(ms);
            }
        }
        return Optional.empty();
    }

    /**
     * The largest state of the window operator's vertex over the job's completed checkpoints; -1 if none
     * completed. The largest, because a checkpoint taken just after windows fired finds little buffered.
     */
    private static long windowStateBytes(CheckRun run) throws IOException {
        FlinkJobs flink = run.flink();
        Optional<JobVertexID> windowVertex = flink.details(run.job()).getJobVertexInfos().stream()
                .filter(v -> v.getName().contains(WINDOW_VERTEX)).map(JobDetailsInfo.JobVertexDetailsInfo::getJobVertexID)
                .findFirst();
        long largest = -1;
        for (CheckpointStatistics checkpoint : flink.checkpoints(run.job()).getHistory()) {
            if (windowVertex.isPresent() && checkpoint.getStatus() == CheckpointStatsStatus.COMPLETED) {
                TaskCheckpointStatistics window = flink.checkpoint(run.job(), checkpoint.getId())
                        .getCheckpointStatisticsPerTask().get(windowVertex.get());
                largest = Math.max(largest, window == null ? -1 : window.getStateSize());
            }
        }
        return largest;
    }

    private static String hint(Figure p99, Figure earliest, Figure state, Figure results) {
        List<String> hints = new ArrayList<>();
        if (!p99.met()) {
            hints.add("Results wait long after their window's end. Follow a result from the watermark that closes "
                    + "its window to the operator after the windows: what decides when a watermark is emitted, and "
                    + "when a network buffer is sent?");
        }
        if (!earliest.met() && earliest.measured()) {
            hints.add("Some results leave before their window has ended: they cannot hold all its readings. Let "
                    + "each window fire once, when the watermark passes its end.");
        }
        if (!state.met()) {
            hints.add("The window operator keeps every reading of every open window in its state and goes through "
                    + "them all when the window fires. Compute the result as the readings arrive.");
        }
        if (!results.met() && results.measured()) {
            hints.add("The window results differ from the reference (" + results.name() + "): a result must come "
                    + "once per window and count every reading of it — no early firing, no records dropped as late "
                    + "by a watermark that no longer covers the data's out-of-orderness.");
        }
        return String.join(" ", hints) + " Details in the exercise README.";
    }
}
