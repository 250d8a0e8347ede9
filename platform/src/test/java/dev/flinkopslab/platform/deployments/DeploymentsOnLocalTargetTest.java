package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.flink.FlinkCluster;
import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestClient;
import dev.flinkopslab.platform.clusters.LocalClusters;
import dev.flinkopslab.platform.reconciler.ReconcilerHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The LOCAL target: each job in an application cluster of its own (real JobManager and TaskManager JVMs started
 * by the platform in process, H2 in a file). The training's seed deployment reaches RUNNING at parallelism 4 on 4
 * one-slot TaskManagers; a restart Flink does by itself is an event with its root cause; a JobManager killed with
 * {@code kill -9} under LATEST_STATE is replaced by a new cluster (and one killed just after a STATEFUL upgrade's
 * savepoint was triggered: that savepoint is FAILED, the new spec starts from the latest state)
 * that restores the retained checkpoint; a JAR whose main throws ends FAILED with the root cause after the
 * bounded attempts. Clusters of ended jobs are stopped.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + DeploymentsOnLocalTargetTest.ADMIN_PASSWORD,
        "lab.platform.reconciler.interval-ms=1000"})
class DeploymentsOnLocalTargetTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String DEPLOYMENTS = "/api/v1/namespaces/default/deployments";
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final Path DATA_DIR = tempDir();
    private static long artifactId;

    @Value("${local.server.port}")
    int port;
    @Autowired
    LocalClusters clusters;
    @Autowired
    KillJobManagerAfterTrigger killJobManagerAfterTrigger;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
    }

    /** Clusters outlive the platform by design (it re-adopts them after a restart); the test's must not outlive it. */
    @AfterAll
    static void stopLeftoverClusters(@Autowired LocalClusters clusters) {
        clusters.releaseAllBut(java.util.Set.of());
    }

    private Api admin() {
        return new Api(port, "admin", ADMIN_PASSWORD);
    }

    private long artifact() throws Exception {
        if (artifactId == 0) {
            Api.Response r = admin().upload("/api/v1/namespaces/default/artifacts", "flink-ops-lab-job.jar",
                    Files.readAllBytes(SessionCluster.jobJar()));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            artifactId = r.json().get("id").asLong();
        }
        return artifactId;
    }

    /** A LOCAL deployment: no target given (LOCAL is the default), the training's resources unless the test says. */
    private String deployment(String name, String upgrade, String restore, int parallelism, String... args) throws Exception {
        StringBuilder argList = new StringBuilder();
        for (String a : args) {
            argList.append(argList.isEmpty() ? "" : ",").append('"').append(a).append('"');
        }
        return """
                {"metadata": {"name": "%s"},
                 "spec": {"state": "RUNNING", "upgradeStrategy": "%s", "restoreStrategy": "%s",
                          "template": {"artifactId": %d, "entryClass": "%s", "programArgs": [%s], "parallelism": %d,
                                       "resources": {"jobManager": {"cpu": 1, "memory": "1G"},
                                                     "taskManager": {"cpu": 1, "memory": "%s"}}},
                          "maxJobCreationAttempts": 2}}
                """.formatted(name, upgrade, restore, artifact(), SessionCluster.JOB_CLASS, argList, parallelism,
                parallelism > 1 ? "2G" : "1280m");
    }

    @Test
    @Order(1)
    void theSeedDeploymentRunsAtParallelism4InAnApplicationClusterOfItsOwn() throws Exception {
        Api api = admin();
        Api.Response dryRun = api.post(DEPLOYMENTS + "?dryRun=true", deployment("seed", "STATELESS", "NONE", 4,
                "--rate", "200", "--sink", "discard", "--job-name", "seed"));
        assertThat(dryRun.json().get("plan").asString()).contains("parallelism 4", "own", "4 TaskManager(s) × 1 slot(s)");
        assertThat(api.post(DEPLOYMENTS, deployment("seed", "STATELESS", "NONE", 4,
                "--rate", "200", "--sink", "discard", "--job-name", "seed")).status()).isEqualTo(201);

        JsonNode d = awaitState("seed", s -> s.equals("RUNNING"));
        String job = d.at("/status/jobId").asString();
        String restUrl = clusters.restUrl(job).orElseThrow();
        assertThat(api.get(DEPLOYMENTS + "/seed/jobs").json().get(0).get("webUiUrl").asString())
                .as("the job's Web UI, in its jobs resource").isEqualTo(restUrl);
        ClusterOverviewWithVersion overview = new FlinkCluster(new FlinkRestClient(restUrl)).overview();
        assertThat(overview.getNumTaskManagersConnected()).isEqualTo(4);
        assertThat(overview.getNumSlotsTotal()).isEqualTo(4);
        FlinkJobs jobs = new FlinkJobs(restUrl);
        assertThat(jobs.overview()).extracting(j -> j.getJobId().toHexString()).containsExactly(job);
        assertThat(jobs.details(JobID.fromHexString(job)).getJobVertexInfos())
                .allSatisfy(v -> assertThat(v.getParallelism()).as(v.getName()).isEqualTo(4));
        assertThat(Files.readString(clusters.dir(job).resolve("conf/config.yaml")))
                .contains("taskmanager.cpu.cores: 1.0", "taskmanager.memory.process.size: 2g", "jobmanager.memory.process.size: 1g");

        JsonNode cancelled = patchState(api, "seed", "CANCELLED");
        assertThat(cancelled.at("/status/state").asString()).isEqualTo("CANCELLED");
        awaitNoProcesses(job);
    }

    @Test
    @Order(2)
    void latestStateRestoresTheRetainedCheckpointAfterTheJobManagerWasKilled() throws Exception {
        Api api = admin();
        assertThat(api.post(DEPLOYMENTS, deployment("durable", "STATEFUL", "LATEST_STATE", 1,
                "--rate", "500", "--sink", "discard", "--job-name", "durable", "--checkpoint-interval", "1s",
                "--fail-after", "1000")).status())
                .isEqualTo(201);
        JsonNode d = awaitState("durable", s -> s.equals("RUNNING"));
        String killed = d.at("/status/jobId").asString();
        FlinkJobs jobs = new FlinkJobs(clusters.restUrl(killed).orElseThrow());
        // One failure injected after a checkpoint: Flink restarts the job itself; the platform says so, with the cause.
        await(() -> api.get(DEPLOYMENTS + "/durable/events").body().contains("JOB_RESTARTED"), "a JOB_RESTARTED event");
        assertThat(api.get(DEPLOYMENTS + "/durable/events").json()).filteredOn(e -> e.get("type").asString().equals("JOB_RESTARTED"))
                .singleElement().satisfies(e -> assertThat(e.get("message").asString()).contains("Injected failure"));
        await(() -> jobs.completedCheckpoints(JobID.fromHexString(killed)) >= 2, "two checkpoints of " + killed);

        ProcessHandle jobManager = ProcessHandle.of(Long.parseLong(
                Files.readString(clusters.dir(killed).resolve("pids/jobmanager.pid")).strip())).orElseThrow();
        jobManager.destroyForcibly();
        await(() -> !jobManager.isAlive(), "the JobManager died");

        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && (d.at("/status/jobId").asString().equals(killed)
                || !d.at("/status/state").asString().equals("RUNNING"))) {
            Thread.sleep(500);
            d = api.get(DEPLOYMENTS + "/durable").json();
        }
        String replacement = d.at("/status/jobId").asString();
        assertThat(replacement).as(d.toString()).isNotEqualTo(killed);
        assertThat(d.at("/status/state").asString()).isEqualTo("RUNNING");
        JsonNode history = api.get(DEPLOYMENTS + "/durable/jobs").json();
        assertThat(history.get(0).get("restoredFrom").asString()).as(history.toString()).contains(killed, "chk-");
        assertThat(api.get(DEPLOYMENTS + "/durable/savepoints").body()).contains("RETAINED_CHECKPOINT");
        FlinkJobs replaced = new FlinkJobs(clusters.restUrl(replacement).orElseThrow());
        assertThat(replaced.checkpoints(JobID.fromHexString(replacement)).getLatestCheckpoints().getRestoredCheckpointStatistics())
                .as("Flink says the new job restored a checkpoint").isNotNull();
        awaitNoProcesses(killed); // its TaskManager outlived the JobManager; the platform stops it

        // A STATEFUL upgrade whose JobManager dies (kill -9) right after the savepoint was triggered: nothing can
        // confirm that savepoint, so it is FAILED, and the new spec starts from the latest state instead.
        killJobManagerAfterTrigger.arm("durable");
        Api.Response upgrade = api.patch(DEPLOYMENTS + "/durable", "{\"spec\": {\"template\": {\"parallelism\": 2}}}");
        assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(200);
        deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !(d.at("/status/state").asString().equals("RUNNING")
                && d.at("/status/lastReconciledSpec/template/parallelism").asInt() == 2)) {
            Thread.sleep(500);
            d = api.get(DEPLOYMENTS + "/durable").json();
        }
        assertThat(d.at("/status/lastReconciledSpec/template/parallelism").asInt()).as(d.toString()).isEqualTo(2);
        assertThat(killJobManagerAfterTrigger.killed()).as("the hook killed the JobManager of " + replacement).isEqualTo(replacement);
        JsonNode lost = null;
        for (JsonNode sp : api.get(DEPLOYMENTS + "/durable/savepoints").json()) {
            lost = lost == null && sp.get("origin").asString().equals("UPGRADE") ? sp : lost;
        }
        assertThat(lost).as("the upgrade's savepoint is recorded").isNotNull();
        assertThat(lost.get("state").asString()).isEqualTo("FAILED");
        assertThat(lost.get("failure").asString()).contains("gone from Flink before its savepoint");
        String upgraded = d.at("/status/jobId").asString();
        assertThat(api.get(DEPLOYMENTS + "/durable/jobs").json().get(0).get("restoredFrom").asString())
                .as("the latest state: a retained checkpoint of the killed job").contains(replacement, "chk-");
        awaitNoProcesses(replacement);

        patchState(api, "durable", "CANCELLED");
        awaitNoProcesses(upgraded);
    }

    /** Kills (-9) the JobManager of a deployment's job right after the reconciler triggered its stop-with-savepoint. */
    static final class KillJobManagerAfterTrigger implements ReconcilerHook {
        private final java.util.concurrent.atomic.AtomicReference<String> armedFor = new java.util.concurrent.atomic.AtomicReference<>();
        private volatile String killed;
        private LocalClusters clusters;

        void arm(String deployment) {
            armedFor.set(deployment);
        }

        String killed() {
            return killed;
        }

        @Override
        public void at(Point at, Deployment d) {
            Intent intent = d.status().intent();
            if (at != Point.FLINK_CALLED || intent == null || intent.step() != Intent.Step.STOPPING
                    || !d.metadata().name().equals(armedFor.getAndUpdate(armed -> d.metadata().name().equals(armed) ? null : armed))) {
                return;
            }
            try {
                ProcessHandle jm = ProcessHandle.of(Long.parseLong(Files.readString(
                        clusters.dir(intent.jobId()).resolve("pids/jobmanager.pid")).strip())).orElseThrow();
                jm.destroyForcibly();
                jm.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                killed = intent.jobId();
            } catch (Exception e) {
                throw new IllegalStateException("could not kill the JobManager of " + intent.jobId(), e);
            }
        }
    }

    @org.springframework.boot.test.context.TestConfiguration
    static class Hooks {
        @org.springframework.context.annotation.Bean
        KillJobManagerAfterTrigger killJobManagerAfterTrigger(LocalClusters clusters) {
            KillJobManagerAfterTrigger hook = new KillJobManagerAfterTrigger();
            hook.clusters = clusters;
            return hook;
        }
    }

    @Test
    @Order(3)
    void aJobWhoseMainThrowsEndsFailedWithTheRootCauseAfterTheBoundedAttempts() throws Exception {
        Api api = admin();
        assertThat(api.post(DEPLOYMENTS, deployment("badargs", "STATELESS", "NONE", 1, "--no-such-option", "1")).status())
                .isEqualTo(201);
        JsonNode failed = awaitState("badargs", s -> s.equals("FAILED"));
        assertThat(failed.at("/status/lastError").asString()).contains("2 time(s)", "no-such-option");
        JsonNode jobs = api.get(DEPLOYMENTS + "/badargs/jobs").json();
        assertThat(jobs.size()).isEqualTo(2);
        assertThat(api.get(DEPLOYMENTS + "/badargs/events").body()).contains("RETRIES_EXHAUSTED");
        for (JsonNode job : jobs) {
            awaitNoProcesses(job.get("flinkJobId").asString());
        }
    }

    private JsonNode patchState(Api api, String name, String state) throws Exception {
        JsonNode current = api.get(DEPLOYMENTS + "/" + name).json();
        String body = "{\"metadata\": " + current.get("metadata") + ", \"spec\": "
                + current.get("spec").toString().replaceFirst("\"state\":\"[A-Z]+\"", "\"state\":\"" + state + "\"") + "}";
        Api.Response r = api.put(DEPLOYMENTS + "/" + name, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return awaitState(name, s -> s.equals(state));
    }

    private JsonNode awaitState(String name, Predicate<String> state) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode d = null;
        while (System.nanoTime() < deadline) {
            d = admin().get(DEPLOYMENTS + "/" + name).json();
            if (state.test(d.at("/status/state").asString()) && d.at("/status/intent").isNull()) {
                return d;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("deployment " + name + " did not reach the state in " + TIMEOUT.toSeconds() + " s: "
                + d + "\nevents: " + admin().get(DEPLOYMENTS + "/" + name + "/events").body());
    }

    private void awaitNoProcesses(String job) throws Exception {
        ClusterWaits.awaitNoProcesses(clusters.dir(job), TIMEOUT);
    }

    private static void await(ClusterWaits.Condition condition, String what) throws Exception {
        ClusterWaits.await(condition, TIMEOUT, what);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-platform")), "local-target-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
