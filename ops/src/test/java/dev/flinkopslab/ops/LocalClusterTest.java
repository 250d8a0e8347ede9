package dev.flinkopslab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkopslab.flink.FlinkCluster;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.cluster.ClusterStatus;
import dev.flinkopslab.ops.cluster.LocalCluster;
import dev.flinkopslab.ops.jobs.JobGraphView;
import dev.flinkopslab.ops.jobs.JobsClient;
import dev.flinkopslab.ops.jobs.JobsClient.Submission;
import dev.flinkopslab.ops.kafka.LocalKafka;
import dev.flinkopslab.ops.kafka.MeasurementProducer;
import dev.flinkopslab.pipeline.PartFiles;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.ExpectedResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real standalone cluster (separate JobManager and TaskManager JVMs) running the pipeline's job JAR: slots used,
 * exactly-once through a {@code kill -9} of a TaskManager, and a stop that leaves no process behind. One cluster
 * for the whole class (starting one takes ~10 s of the 2 cores); the stop test runs last.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private static LocalCluster cluster;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        ClusterConfig config = ClusterTestSupport.twoByTwo("cluster");
        cluster = new LocalCluster(config, line -> System.out.println("cluster: " + line));
        cluster.start(); // stops what it started if it fails
        jobs = new JobsClient(config.restUrl());
    }

    @AfterAll
    static void stopEvenOnFailure() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    @Order(1)
    void runsThePipelineAtParallelismFourOnAllFourSlots() throws Exception {
        assertThat(cluster.registeredTaskManagers()).isEqualTo(2);
        ClusterStatus status = cluster.status();
        assertThat(status.processes()).extracting(ClusterStatus.RunningProcess::name)
                .containsExactly("taskmanager-1", "taskmanager-2", "jobmanager");
        assertThat(status.processes()).allSatisfy(p -> assertThat(ProcessHandle.of(p.pid())).isPresent());
        assertThat(status.overview()).as("the REST API answers")
                .contains(new ClusterStatus.Overview(2, 4, 4, 0));

        String job = jobs.submit(new Submission(ClusterTestSupport.jobJar(), ClusterTestSupport.JOB_CLASS,
                List.of("--rate", "200", "--sink", "discard", "--job-name", "slots"), 4, null));
        try {
            await().atMost(JOB_TIMEOUT).until(() -> allTasksRunning(job));
            ClusterOverviewWithVersion overview = jobs.rest().cluster(FlinkCluster::overview);
            assertThat(overview.getNumSlotsTotal()).isEqualTo(4);
            assertThat(overview.getNumSlotsAvailable()).as("all 4 slots used").isZero();
            JobGraphView graph = jobs.plan(job);
            List<String> plan = graph.lines();
            plan.forEach(System.out::println);
            assertThat(graph.slotSharingGroups()).as("the pipeline sets no slot sharing group of its own").hasSize(1);
            assertThat(graph.slotsNeeded()).as("slots the graph needs = slots Flink gave it")
                    .isEqualTo(overview.getNumSlotsTotal() - overview.getNumSlotsAvailable());
            assertThat(plan.get(0)).contains("needs 4 slots");
            assertThat(String.join("\n", plan)).contains("Measurements source").contains("Windows per location");
        } finally {
            jobs.cancel(job);
        }
        await().atMost(JOB_TIMEOUT).until(() -> jobs.state(job) == JobStatus.CANCELED);
        await().atMost(JOB_TIMEOUT).until(() -> jobs.rest().cluster(FlinkCluster::overview).getNumSlotsAvailable() == 4);
    }

    @Test
    @Order(2)
    void exactlyOnceThroughAKilledTaskManager(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        List<String> args = List.of("--records", "24000", "--rate", "2000", "--sink", "file",
                "--checkpoint-interval", "500ms", "--seed", "7");

        Path clean = out.resolve("clean");
        String first = submit(args, clean, "failure-free");
        await().atMost(JOB_TIMEOUT).until(() -> jobs.state(first) == JobStatus.FINISHED);
        assertThat(failures(first)).isZero();

        Path faulty = out.resolve("faulty");
        String second = submit(args, faulty, "killed-taskmanager");
        await().atMost(JOB_TIMEOUT).until(() -> completedCheckpoints(second) >= 2);
        assertThat(jobs.state(second)).as("killed mid-run, not after the end").isEqualTo(JobStatus.RUNNING);
        long killed = System.nanoTime();
        cluster.killTaskManager(null);
        cluster.addTaskManager();
        await().atMost(JOB_TIMEOUT).until(() -> failures(second) >= 1);
        await().atMost(JOB_TIMEOUT).until(() -> allTasksRunning(second) || jobs.state(second) == JobStatus.FINISHED);
        Duration running = Duration.ofNanos(System.nanoTime() - killed);
        await().atMost(JOB_TIMEOUT).until(() -> jobs.state(second).isGloballyTerminalState());
        Duration finished = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(jobs.state(second)).isEqualTo(JobStatus.FINISHED);
        System.out.println("recovery: kill -9 → all tasks running again " + ClusterTestSupport.seconds(running)
                + ", → FINISHED " + ClusterTestSupport.seconds(finished) + "; failures in the exception history: "
                + failures(second));

        List<String> expected = PartFiles.committedLines(clean);
        assertThat(expected).as("windows of 10 cities over the input's ~2.4 s of event time").hasSizeGreaterThan(20);
        assertThat(PartFiles.committedLines(faulty)).as("committed output after the failure equals the failure-free run")
                .isEqualTo(expected);
    }

    /**
     * The README's walk-through as a test: a job on the cluster reads a live topic while a producer writes it,
     * a TaskManager dies midway and a replacement starts. The job resumes from the offsets in its last
     * checkpoint, and its output equals both a failure-free run over the same topic and the independent
     * computation from the generator's data.
     */
    @Test
    @Order(3)
    void exactlyOnceFromKafkaThroughAKilledTaskManager(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        GeneratorConfig data = GeneratorConfig.builder().seed(5).maxRecords(36_000).eventsPerSecond(2_000).build(); // written over 18 s
        List<String> expected = ExpectedResults.windowLines(data, 1000);
        try (LocalKafka kafka = LocalKafka.start(out.resolve("kafka"))) {
            // the broker creates the topic 'measurements' with 8 partitions, as 'lab kafka start' does
            List<String> kafkaArgs = List.of("--source", "kafka", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--topic", "measurements", "--sink", "file", "--checkpoint-interval", "500ms");

            Path faulty = out.resolve("faulty");
            String live = submit(kafkaArgs, faulty, "kafka-killed-taskmanager");
            await().atMost(JOB_TIMEOUT).until(() -> allTasksRunning(live));
            CompletableFuture<Long> producing = CompletableFuture.supplyAsync(() -> {
                try (MeasurementProducer producer = new MeasurementProducer(kafka.bootstrapServers(), "measurements", data)) {
                    assertThat(producer.produceAll(line -> System.out.println("producer: " + line))).isEqualTo(data.maxRecords());
                    kafka.endOfData("measurements", data);
                    return System.nanoTime();
                }
            });
            await().atMost(JOB_TIMEOUT).until(() -> completedCheckpoints(live) >= 2 && PartFiles.committedLines(faulty).size() > 0);
            assertThat(producing).as("killed while the producer still writes").isNotDone();
            long killed = System.nanoTime();
            cluster.killTaskManager(null);
            cluster.addTaskManager();
            await().atMost(JOB_TIMEOUT).until(() -> failures(live) >= 1);
            await().atMost(JOB_TIMEOUT).until(() -> allTasksRunning(live));
            Duration running = Duration.ofNanos(System.nanoTime() - killed);
            Duration produced = Duration.ofNanos(producing.get(60, TimeUnit.SECONDS) - killed);
            Path windows = faulty.resolve(PipelineSinks.WINDOWS_DIR);
            await().atMost(JOB_TIMEOUT).until(() -> PartFiles.committedLines(windows).size() >= expected.size());
            Duration caughtUp = Duration.ofNanos(System.nanoTime() - killed);
            jobs.cancel(live);
            System.out.println("recovery (Kafka source): kill -9 → all tasks running again " + ClusterTestSupport.seconds(running)
                    + ", → output caught up " + ClusterTestSupport.seconds(caughtUp) + " (the producer ended "
                    + ClusterTestSupport.seconds(produced) + " after the kill); failures in the exception history: "
                    + failures(live));
            await().atMost(JOB_TIMEOUT).until(() -> jobs.state(live).isGloballyTerminalState());

            Path clean = out.resolve("clean");
            List<String> bounded = new ArrayList<>(kafkaArgs);
            bounded.addAll(List.of("--stop-at-latest", "true"));
            String reread = submit(bounded, clean, "kafka-failure-free");
            await().atMost(JOB_TIMEOUT).until(() -> jobs.state(reread).isGloballyTerminalState());
            assertThat(jobs.state(reread)).isEqualTo(JobStatus.FINISHED);
            assertThat(failures(reread)).isZero();

            assertThat(PartFiles.committedLines(clean.resolve(PipelineSinks.WINDOWS_DIR)))
                    .as("the failure-free run equals the computation from the generator's data").isEqualTo(expected);
            assertThat(PartFiles.committedLines(windows)).as("after the kill: no window lost, none twice").isEqualTo(expected);
            assertThat(PartFiles.committedLines(faulty)).as("all outputs (windows, late, dead letters) equal the failure-free run's")
                    .isEqualTo(PartFiles.committedLines(clean));
        }
    }

    /**
     * An operator who asks for a savepoint while the job restarts after losing a TaskManager gets one once the
     * job runs again (Flink itself would refuse it while any task is not running).
     */
    @Test
    @Order(4)
    void aSavepointAskedForDuringARestartIsTakenOnceTheTasksRun(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        String job = jobs.submit(new Submission(ClusterTestSupport.jobJar(), ClusterTestSupport.JOB_CLASS,
                List.of("--rate", "500", "--sink", "discard", "--job-name", "savepoint-during-restart"), 4, null));
        try {
            await().atMost(JOB_TIMEOUT).until(() -> allTasksRunning(job));
            cluster.killTaskManager(null);
            // 4 slots needed, 2 left: the job cannot run again before a replacement registers
            await().atMost(JOB_TIMEOUT).until(() -> failures(job) >= 1);
            List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<String> savepoint = CompletableFuture.supplyAsync(
                    () -> jobs.savepoint(job, out.toUri().toString(), progress::add));
            await().atMost(JOB_TIMEOUT).until(() -> !progress.isEmpty());
            assertThat(savepoint).as("no savepoint while the job has no slots to run in").isNotDone();
            cluster.addTaskManager();
            String location = savepoint.get(JobsClient.TASKS_RUNNING_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
            progress.forEach(line -> System.out.println("savepoint: " + line));
            assertThat(progress.get(0)).startsWith("waiting for the tasks to run before the savepoint");
            assertThat(Path.of(java.net.URI.create(location)).resolve("_metadata")).isRegularFile();
            assertThat(jobs.state(job)).isEqualTo(JobStatus.RUNNING);
        } finally {
            jobs.cancel(job);
        }
        await().atMost(JOB_TIMEOUT).until(() -> jobs.state(job) == JobStatus.CANCELED);
    }

    @Test
    @Order(5)
    void stopEndsExactlyItsProcesses() {
        List<Long> pids = cluster.status().processes().stream().map(ClusterStatus.RunningProcess::pid).toList();
        assertThat(pids).hasSize(3); // JobManager, the surviving TaskManager and the replacement
        cluster.stop();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
        ClusterStatus after = cluster.status();
        assertThat(after.running()).isFalse();
        assertThat(after.overview()).isEmpty();
        assertThat(jobs.rest().reachable()).isFalse();
    }

    private static String submit(List<String> args, Path output, String name) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--output-dir", output.toAbsolutePath().toString(), "--job-name", name));
        return jobs.submit(new Submission(ClusterTestSupport.jobJar(), ClusterTestSupport.JOB_CLASS, all, 4, null));
    }

    private static boolean allTasksRunning(String job) {
        JobID id = JobID.fromHexString(job);
        return jobs.rest().job(id, j -> j.tasks(id)).allRunning();
    }

    private static int failures(String job) {
        JobID id = JobID.fromHexString(job);
        return jobs.rest().job(id, j -> j.failureCount(id));
    }

    private static long completedCheckpoints(String job) {
        JobID id = JobID.fromHexString(job);
        return jobs.rest().job(id, j -> j.completedCheckpoints(id));
    }
}
