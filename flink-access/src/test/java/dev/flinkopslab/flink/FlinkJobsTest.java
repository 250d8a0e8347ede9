package dev.flinkopslab.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The typed access layer against a real Flink: a MiniCluster with its REST endpoint, running real jobs. */
class FlinkJobsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private FlinkJobs jobs;
    private FlinkCluster cluster;

    @BeforeEach
    void connect(@InjectClusterRESTAddress java.net.URI rest) {
        jobs = new FlinkJobs(rest.toString());
        cluster = new FlinkCluster(rest.toString());
    }

    @Test
    void readsARunningJobAsFlinkTypes() throws Exception {
        JobID job = start(steadyJob(new Configuration()));
        await(() -> jobs.tasks(job).allRunning());

        assertThat(jobs.knows(job)).isTrue();
        assertThat(jobs.knows(new JobID())).isFalse();
        assertThat(jobs.status(job)).isEqualTo(JobStatus.RUNNING);
        assertThat(jobs.overview()).anyMatch(j -> j.getJobId().equals(job) && j.getStatus() == JobStatus.RUNNING);
        assertThat(jobs.tasks(job).counts()).containsKey(ExecutionState.RUNNING);
        assertThat(jobs.tasks(job).notRunning()).isEmpty();
        assertThat(jobs.failureCount(job)).isZero();
        assertThat(jobs.latestFailure(job)).isEmpty();
        assertThat(jobs.firstFailure(job)).isEmpty();

        await(() -> jobs.sourceRecordsOut(job) > 100);
        JobVertexID source = jobs.details(job).getJobVertexInfos().iterator().next().getJobVertexID();
        assertThat(jobs.vertexMetricNames(job, source)).anyMatch(n -> n.endsWith("numRecordsOut"));
        assertThat(jobs.vertexMetric(job, source, "numRecordsOut")).isPresent();
        assertThat(jobs.vertexMetric(job, source, "noSuchMetric")).isEmpty();
        assertThat(jobs.backPressure(job, source).getStatus()).isNotNull();
        await(() -> jobs.watermarks(job, lastVertex(job)).stream()
                .anyMatch(m -> m.getId().endsWith("currentInputWatermark") && Long.parseLong(m.getValue()) > 0));
        assertThat(cluster.overview().getNumTaskManagersConnected()).isEqualTo(1);
        assertThat(cluster.taskManagerIds()).hasSize(1);

        jobs.cancel(job);
        await(() -> jobs.status(job) == JobStatus.CANCELED);
    }

    @Test
    void checkpointsAndTheirStatisticsPerTask() throws Exception {
        Configuration conf = new Configuration();
        JobID job = start(steadyJob(conf).enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE));
        await(() -> jobs.completedCheckpoints(job) >= 2);

        CheckpointStatistics latest = jobs.checkpoints(job).getHistory().stream()
                .filter(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED).findFirst().orElseThrow();
        CheckpointStatistics details = jobs.checkpoint(job, latest.getId());
        assertThat(details.getCheckpointStatisticsPerTask()).hasSize(jobs.details(job).getJobVertexInfos().size());
        jobs.cancel(job);
    }

    @Test
    void savepointAndStopWithSavepoint(@TempDir Path dir) throws Exception {
        JobID job = start(steadyJob(new Configuration()));
        await(() -> jobs.tasks(job).allRunning());

        SavepointOutcome taken = awaitSavepoint(job, jobs.triggerSavepoint(job, dir.toUri().toString(), new TriggerId()));
        assertThat(taken.succeeded()).as(taken.failure()).isTrue();
        assertThat(Path.of(java.net.URI.create(taken.location()))).isDirectory();

        SavepointOutcome stopped = awaitSavepoint(job, jobs.triggerStopWithSavepoint(job, dir.toUri().toString(), new TriggerId()));
        assertThat(stopped.succeeded()).as(stopped.failure()).isTrue();
        await(() -> jobs.status(job) == JobStatus.FINISHED);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(2);
        }
    }

    @Test
    void aSavepointRefusedWhileTheJobRestartsSaysWhyAsFlinksReason(@TempDir Path dir) throws Exception {
        // One failure, then a long wait before the restart: the job sits in RESTARTING, its tasks not running.
        JobID job = start(failingJob(1, Duration.ofMinutes(5)));
        await(() -> jobs.failureCount(job) == 1);

        Optional<JobFailure> failure = jobs.latestFailure(job);
        assertThat(failure).isPresent();
        assertThat(failure.get().rootCause()).isEqualTo("IllegalStateException: " + FailAt.MESSAGE);
        assertThat(failure.get().describe()).as("no cause under it").isEqualTo(failure.get().exception());
        assertThat(failure.get().taskName()).contains("Fail at 1000");
        assertThat(jobs.status(job)).isEqualTo(JobStatus.RESTARTING);

        SavepointOutcome refused = awaitSavepoint(job, jobs.triggerSavepoint(job, dir.toUri().toString(), new TriggerId()));
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.reason()).contains(CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING);
        assertThat(refused.jobGone()).isFalse();
        jobs.cancel(job);
    }

    @Test
    void theExceptionHistoryIsNewestFirstAndEndsWithTheFinalFailure() throws Exception {
        JobID job = start(failingJob(2, Duration.ofMillis(100)));
        await(() -> jobs.status(job) == JobStatus.FAILED && jobs.failureCount(job) == 3);

        var history = jobs.exceptionHistory(job);
        assertThat(history).extracting(e -> e.getTimestamp()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(jobs.latestFailure(job).orElseThrow().timestamp()).isEqualTo(history.get(0).getTimestamp());
        assertThat(jobs.firstFailure(job).orElseThrow().timestamp()).isEqualTo(history.get(2).getTimestamp());
    }

    @Test
    void anUnknownJobIsAOneLineError() throws Exception {
        JobID unknown = new JobID();
        // Some handlers answer an unknown job with 500, not 404: knows() is how to tell.
        assertThatThrownBy(() -> jobs.status(unknown)).isInstanceOf(FlinkRestException.class)
                .hasMessageNotContaining("\n").hasMessageContaining(unknown.toHexString());
        assertThat(jobs.knows(unknown)).isFalse();
        assertThatThrownBy(() -> new FlinkJobs("http://127.0.0.1:1").status(unknown))
                .isInstanceOf(FlinkRestException.class).hasMessage("no Flink cluster answers at http://127.0.0.1:1");
    }

    /** An unbounded job at a modest rate, with event-time watermarks, in two chained tasks. */
    private static StreamExecutionEnvironment steadyJob(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers").name("Numbers")
                .map(new Slowly()).uid("slowly").name("Slowly")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner((n, t) -> n + 1)).uid("watermarks").name("Watermarks")
                .rebalance()
                .sinkTo(new DiscardingSink<>()).uid("discard").name("Discard");
        return env;
    }

    /** A job that fails at its 1000th record each time it runs, restarted {@code restarts} times after {@code delay}. */
    private static StreamExecutionEnvironment failingJob(int restarts, Duration delay) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, delay);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromSequence(0, Long.MAX_VALUE).map(new FailAt(1_000)).uid("fail").name("Fail at 1000")
                .sinkTo(new DiscardingSink<>()).uid("discard").name("Discard");
        return env;
    }

    private JobVertexID lastVertex(JobID job) throws FlinkRestException {
        JobVertexID last = null;
        for (var v : jobs.details(job).getJobVertexInfos()) {
            last = v.getJobVertexID();
        }
        return last;
    }

    private static JobID start(StreamExecutionEnvironment env) throws Exception {
        JobClient client = env.executeAsync();
        return client.getJobID();
    }

    private SavepointOutcome awaitSavepoint(JobID job, TriggerId trigger) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SavepointOutcome> outcome = jobs.savepoint(job, trigger);
            if (outcome.isPresent()) {
                return outcome.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("savepoint " + trigger + " not done after " + TIMEOUT);
    }

    /** Waits for the condition; a job still initializing answers some calls with an error, which means "not yet". */
    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static boolean holds(Callable<Boolean> condition) throws Exception {
        try {
            return condition.call();
        } catch (FlinkRestException e) {
            return false;
        }
    }

    private static final class Slowly implements MapFunction<Long, Long> {
        @Override
        public Long map(Long n) throws InterruptedException {
            if (n % 100 == 0) {
                Thread.sleep(1);
            }
            return n;
        }
    }

    private static final class FailAt implements MapFunction<Long, Long> {
        static final String MESSAGE = "planned failure at record 1000";
        private final long at;

        FailAt(long at) {
            this.at = at;
        }

        @Override
        public Long map(Long n) {
            if (n == at) {
                throw new IllegalStateException(MESSAGE);
            }
            return n;
        }
    }
}
