package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.pipeline.PartFiles;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.options.JobArguments;
import dev.flinkopslab.pipeline.options.Target;
import dev.flinkopslab.platform.clusters.LocalClusters;
import dev.flinkopslab.platform.reconciler.ReconcilerHook;
import dev.flinkopslab.testing.ExpectedResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The proof that a STATEFUL upgrade loses nothing and repeats nothing: the measurement job, bounded, writes
 * through Flink's exactly-once FileSink; mid-run its parallelism goes from 1 to 2 (stop-with-savepoint, then a
 * new application cluster restored from the savepoint); after the bounded input ends, the committed window
 * results equal, as a multiset, those a failure-free run must give ({@link ExpectedResults}, plain Java, no Flink).
 *
 * <p>Why this can fail: the generator is a pure function of (seed, partition, offset), and the windows the job
 * committed before the upgrade stay in the output directory. A new job that started with empty state (a
 * STATELESS upgrade, restore NONE, or a lost savepoint) reads every partition from offset 0 again and commits
 * those windows a second time: duplicates. One restored from an older savepoint than the stop's re-commits the
 * windows between the two; one that dropped the window state (allowNonRestoredState) or the sink's pending files
 * misses windows or counts them short. A restart of the FINISHED job from the upgrade savepoint (what the
 * reconciler did to bounded jobs) re-commits everything after the upgrade. Each changes the multiset.
 *
 * <p>The stop's result is read the hard way: Flink keeps it for 1 s only (less rounds down to 0 s: forever), and a hook holds the reconciler until
 * Flink has forgotten it, so the platform must find the savepoint in the ended job's checkpoint history.
 */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + StatefulUpgradeExactlyOnceTest.ADMIN_PASSWORD,
        "lab.platform.reconciler.interval-ms=1000"})
class StatefulUpgradeExactlyOnceTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String DEPLOYMENTS = "/api/v1/namespaces/default/deployments";
    private static final String NAME = "exactly-once";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Path DATA_DIR = tempDir("upgrade-platform-");

    @Value("${local.server.port}")
    int port;
    @Autowired
    LocalClusters clusters;
    @Autowired
    AwaitStopResultForgotten forgetting;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
    }

    /** Clusters outlive the platform by design; the test's must not outlive the test. */
    @AfterAll
    static void stopLeftoverClusters(@Autowired LocalClusters clusters) {
        clusters.releaseAllBut(Set.of());
    }

    @Test
    void aStatefulUpgradeMidRunCommitsEveryWindowExactlyOnce() throws Exception {
        Api api = new Api(port, "admin", ADMIN_PASSWORD);
        Path output = tempDir("upgrade-output-").toAbsolutePath();
        Path windows = output.resolve("windows");
        // 80,000 records at 2,000/s: about 40 s of input, 8 s of event time (the generator spaces a bounded run at
        // 10,000 records/s of event time), so about 8 one-second windows per location, one committed every ~5 s.
        List<String> args = List.of("--records", "80000", "--rate", "2000", "--seed", "11", "--sink", "file",
                "--output-dir", output.toString(), "--checkpoint-interval", "1s", "--job-name", NAME);
        Api.Response artifact = api.upload("/api/v1/namespaces/default/artifacts", "flink-ops-lab-job.jar",
                Files.readAllBytes(SessionCluster.jobJar()));
        assertThat(artifact.status()).as(artifact.body()).isEqualTo(201);
        long artifactId = artifact.json().get("id").asLong();

        assertThat(api.post(DEPLOYMENTS, deployment(artifactId, 1, args)).status()).isEqualTo(201);
        String first = awaitDeployment(api, d -> state(d).equals("RUNNING")).at("/status/jobId").asString();
        await(() -> !committedFiles(windows).isEmpty(), "the first job committed window results");
        Set<Path> beforeUpgrade = committedFiles(windows);
        assertThat(new FlinkJobs(clusters.restUrl(first).orElseThrow()).status(JobID.fromHexString(first)).isGloballyTerminalState())
                .as("the upgrade must come while the first job still reads its input").isFalse();

        Api.Response upgrade = api.put(DEPLOYMENTS + "/" + NAME, deployment(artifactId, 2, args));
        assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(200);
        JsonNode upgraded = awaitDeployment(api, d -> state(d).equals("RUNNING") && !d.at("/status/jobId").asString("").equals(first));
        String second = upgraded.at("/status/jobId").asString();
        Set<Path> atRestore = committedFiles(windows);

        JsonNode savepoints = api.get(DEPLOYMENTS + "/" + NAME + "/savepoints").json();
        assertThat(savepoints.size()).as(savepoints.toString()).isEqualTo(1);
        assertThat(savepoints.get(0).get("origin").asString()).isEqualTo("UPGRADE");
        assertThat(savepoints.get(0).get("state").asString()).isEqualTo("COMPLETED");
        String savepoint = savepoints.get(0).get("location").asString();
        assertThat(forgetting.forgotten()).as("Flink had forgotten the stop's result (rest.async.store-duration 1 s) "
                + "when the platform first polled it: the savepoint came from the job's checkpoint history")
                .isEqualTo(savepoints.get(0).get("triggerId").asString());
        JsonNode jobs = api.get(DEPLOYMENTS + "/" + NAME + "/jobs").json();
        assertThat(jobs.get(0).get("flinkJobId").asString()).isEqualTo(second);
        assertThat(jobs.get(0).get("restoredFrom").asString()).as("the new job's jobs row").isEqualTo(savepoint);
        assertThat(jobs.get(0).at("/spec/template/parallelism").asInt()).isEqualTo(2);
        FlinkJobs flink = new FlinkJobs(clusters.restUrl(second).orElseThrow());
        CheckpointingStatistics.RestoredCheckpointStatistics restored =
                flink.checkpoints(JobID.fromHexString(second)).getLatestCheckpoints().getRestoredCheckpointStatistics();
        assertThat(restored).as("Flink says the new job restored a checkpoint").isNotNull();
        assertThat(restored.getExternalPath()).as("Flink's restored path").contains(savepoint.replaceFirst("^file:", ""));
        assertThat(flink.details(JobID.fromHexString(second)).getJobVertexInfos())
                .allSatisfy(v -> assertThat(v.getParallelism()).as(v.getName()).isEqualTo(2));

        JsonNode finished = awaitDeployment(api, d -> !state(d).equals("RUNNING") && !state(d).equals("TRANSITIONING"));
        String events = api.get(DEPLOYMENTS + "/" + NAME + "/events").body();
        assertThat(state(finished)).as("a bounded job that ended by itself: " + finished + "\nevents: " + events)
                .isEqualTo("FINISHED");
        assertThat(finished.at("/status/jobStatus").asString()).isEqualTo("FINISHED");
        awaitNoProcesses(first);
        awaitNoProcesses(second); // the round after the job ended stopped its cluster: the deployment was reconciled again
        jobs = api.get(DEPLOYMENTS + "/" + NAME + "/jobs").json();
        assertThat(jobs.size()).as("no restart of the finished job: " + jobs).isEqualTo(2);
        assertThat(jobs.get(0).get("finalState").asString()).isEqualTo("FINISHED");
        assertThat(state(api.get(DEPLOYMENTS + "/" + NAME).json())).isEqualTo("FINISHED");
        assertThat(api.get(DEPLOYMENTS + "/" + NAME + "/events").body()).contains("JOB_FINISHED").doesNotContain("JOB_FAILED");

        PipelineConfig config = PipelineConfig.from(JobArguments.parse(args.toArray(String[]::new)), Target.CLUSTER);
        List<String> expected = ExpectedResults.windowLines(config.generator, config.windowSize.toMillis());
        List<String> committed = PartFiles.committedLines(windows);
        assertThat(committed).as("committed windows vs a failure-free run, sorted: no gap, no duplicate")
                .containsExactlyElementsOf(expected);
        assertThat(PartFiles.committedLines(output.resolve("late"))).as("no record late after the restore").isEmpty();
        assertThat(PartFiles.committedLines(output.resolve("dead-letters"))).isEmpty();
        assertThat(beforeUpgrade).as("window results committed by the first job").isNotEmpty();
        Set<Path> afterRestore = new HashSet<>(committedFiles(windows));
        afterRestore.removeAll(atRestore);
        assertThat(afterRestore).as("window results committed by the restored job").isNotEmpty();
        System.out.printf("stateful upgrade: %d window results as expected; %d part files committed before the upgrade, "
                + "%d after the restore, %d in all%n", committed.size(), beforeUpgrade.size(), afterRestore.size(),
                committedFiles(windows).size());

        assertThat(api.delete(DEPLOYMENTS + "/" + NAME).status()).as("no job runs any more").isEqualTo(204);
    }

    /**
     * Holds the reconciler, right after it triggered a stop-with-savepoint, until the job has ended and Flink has
     * forgotten the trigger's result: as after a platform down for longer than Flink keeps results.
     */
    static final class AwaitStopResultForgotten implements ReconcilerHook {
        private LocalClusters clusters;
        private volatile String forgotten;

        String forgotten() {
            return forgotten;
        }

        @Override
        public void at(Point at, Deployment d) {
            Intent intent = d.status().intent();
            if (at != Point.FLINK_CALLED || intent == null || intent.step() != Intent.Step.STOPPING) {
                return;
            }
            FlinkJobs flink = new FlinkJobs(clusters.restUrl(intent.jobId()).orElseThrow());
            JobID job = JobID.fromHexString(intent.jobId());
            try {
                ClusterWaits.await(() -> {
                    if (!flink.status(job).isGloballyTerminalState()) {
                        return false;
                    }
                    try {
                        flink.savepoint(job, TriggerId.fromHexString(intent.triggerId()));
                        return false;
                    } catch (FlinkRestException e) {
                        return !e.noAnswer() && e.status() == 404;
                    }
                }, TIMEOUT, "job " + job + " ended and Flink forgot the trigger " + intent.triggerId());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            forgotten = intent.triggerId();
        }
    }

    @TestConfiguration
    static class Hooks {
        @Bean
        AwaitStopResultForgotten awaitStopResultForgotten(LocalClusters clusters) {
            AwaitStopResultForgotten hook = new AwaitStopResultForgotten();
            hook.clusters = clusters;
            return hook;
        }
    }

    private static String deployment(long artifactId, int parallelism, List<String> args) {
        StringBuilder argList = new StringBuilder();
        for (String a : args) {
            argList.append(argList.isEmpty() ? "" : ",").append('"').append(a).append('"');
        }
        return """
                {"metadata": {"name": "%s"},
                 "spec": {"state": "RUNNING", "upgradeStrategy": "STATEFUL", "restoreStrategy": "LATEST_SAVEPOINT",
                          "template": {"artifactId": %d, "entryClass": "%s", "programArgs": [%s], "parallelism": %d,
                                       "flinkConfiguration": {"rest.async.store-duration": "1 s"},
                                       "resources": {"jobManager": {"cpu": 1, "memory": "1G"},
                                                     "taskManager": {"cpu": 1, "memory": "1280m"}}},
                          "maxJobCreationAttempts": 2}}
                """.formatted(NAME, artifactId, SessionCluster.JOB_CLASS, argList, parallelism);
    }

    private static String state(JsonNode d) {
        return d.at("/status/state").asString();
    }

    /** The deployment once {@code condition} holds and no intent is under way. */
    private static JsonNode awaitDeployment(Api api, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode d = null;
        while (System.nanoTime() < deadline) {
            d = api.get(DEPLOYMENTS + "/" + NAME).json();
            if (d.at("/status/intent").isNull() && condition.test(d)) {
                return d;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("deployment " + NAME + " not as awaited in " + TIMEOUT.toSeconds() + " s: " + d
                + "\nevents: " + api.get(DEPLOYMENTS + "/" + NAME + "/events").body());
    }

    /** Part files the sink committed (in-progress and pending ones are hidden: their names start with a dot). */
    private static Set<Path> committedFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.filter(f -> !f.getFileName().toString().startsWith(".")).toList());
        }
    }

    private void awaitNoProcesses(String job) throws Exception {
        ClusterWaits.awaitNoProcesses(clusters.dir(job), TIMEOUT);
    }

    private static void await(ClusterWaits.Condition condition, String what) throws Exception {
        ClusterWaits.await(condition, TIMEOUT, what);
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-platform")), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
