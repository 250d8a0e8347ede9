package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.flink.FlinkJobs;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import dev.flinkopslab.platform.reconciler.JobTarget;
import dev.flinkopslab.platform.reconciler.Observer;
import dev.flinkopslab.platform.reconciler.Reconciler;
import dev.flinkopslab.platform.reconciler.ReconcilerHook;
import dev.flinkopslab.platform.reconciler.ReconcilerLoop;
import dev.flinkopslab.platform.reconciler.Savepoints;
import dev.flinkopslab.platform.reconciler.Starts;
import dev.flinkopslab.platform.reconciler.StatusWriter;
import dev.flinkopslab.platform.reconciler.Stops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deployments against a real Flink session cluster (a LocalCluster of separate JVMs, one for the class) with the
 * platform in process on a random port and H2 in a file: the API's validation against artifact and target, dry
 * runs, the CRUD and its roles; then the reconciler: start, suspend and resume from the savepoint, a STATEFUL
 * upgrade, and crashes between persisting an intent and acting (a fresh reconciler on the same database carries on,
 * with exactly one job in Flink). The crash tests come last: they stop the platform's own reconciler loop.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + DeploymentsOnSessionClusterTest.ADMIN_PASSWORD,
        "lab.platform.reconciler.interval-ms=1000"})
class DeploymentsOnSessionClusterTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String DEPLOYMENTS = "/api/v1/namespaces/default/deployments";
    private static final Path DATA_DIR = tempDir();
    private static SessionCluster cluster;
    private static long artifactId;

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Value("${local.server.port}")
    int port;
    @Autowired
    CrashHook crash;
    @Autowired
    ReconcilerLoop loop;
    @Autowired
    DeploymentRepository deployments;
    @Autowired
    DeploymentHistory history;
    @Autowired
    JobTarget targets;
    @Autowired
    Starts starts;
    @Autowired
    Stops stops;
    @Autowired
    Savepoints savepoints;
    @Autowired
    StatusWriter statusWriter;
    @Autowired
    AutowireCapableBeanFactory beans;

    /** A crash at one point of the reconciler, armed by a test for one deployment: the loop stops, the act breaks off. */
    static final class CrashHook implements ReconcilerHook {
        private final AtomicReference<String> armedFor = new AtomicReference<>();
        private volatile Point point;
        private volatile Runnable onCrash = () -> {};
        volatile CountDownLatch crashed = new CountDownLatch(1);

        void arm(String deployment, Point at, Runnable beforeCrash) {
            point = at;
            onCrash = beforeCrash;
            crashed = new CountDownLatch(1);
            armedFor.set(deployment);
        }

        @Override
        public void at(Point at, Deployment d) {
            String name = d.metadata().name();
            if (at == point && name.equals(armedFor.get()) && armedFor.compareAndSet(armedFor.get(), null)) {
                onCrash.run();
                crashed.countDown();
                throw new SimulatedCrash(at + " of " + d.metadata().name());
            }
        }
    }

    /** An Error, as a crash is: no catch of the reconciler's handles it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super("simulated crash at " + message);
        }
    }

    @TestConfiguration
    static class Hooks {
        @Bean
        CrashHook crashHook() {
            return new CrashHook();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    static void startCluster() {
        cluster = SessionCluster.start("platform-deployments");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop();
        }
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

    static String deployment(String name, String state, String upgrade, String restore, long artifact, String entryClass,
                             int parallelism, String restUrl, String... args) {
        StringBuilder argList = new StringBuilder();
        for (String a : args) {
            argList.append(argList.isEmpty() ? "" : ",").append('"').append(a).append('"');
        }
        return """
                {"metadata": {"name": "%s", "labels": {"team": "lab"}},
                 "spec": {"state": "%s", "upgradeStrategy": "%s", "restoreStrategy": "%s",
                          "template": {"artifactId": %d, "entryClass": "%s", "programArgs": [%s], "parallelism": %d},
                          "target": {"type": "SESSION", "restUrl": "%s"},
                          "maxSavepointCreationAttempts": 2, "maxJobCreationAttempts": 2}}
                """.formatted(name, state, upgrade, restore, artifact, entryClass, argList, parallelism, restUrl);
    }

    private String measurement(String name, String state, int parallelism) throws Exception {
        return deployment(name, state, "STATEFUL", "LATEST_SAVEPOINT", artifact(), SessionCluster.JOB_CLASS, parallelism,
                cluster.restUrl(), "--rate", "500", "--sink", "discard", "--job-name", name);
    }

    private static void assertOneLine400(Api.Response r, String... fragments) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).doesNotContain("\n").contains(fragments);
    }

    @Test
    @Order(1)
    void refusesBadSpecsWithOneLineNamingTheFieldAndCreatesNothing() throws Exception {
        Api api = admin();
        long a = artifact();
        String url = cluster.restUrl();
        assertOneLine400(api.post(DEPLOYMENTS, deployment("bad", "RUNNING", "STATEFUL", "NONE", a, "no.such.Job", 1, url)),
                "spec.template.entryClass", "no.such.Job", SessionCluster.JOB_CLASS);
        assertOneLine400(api.post(DEPLOYMENTS, deployment("bad", "RUNNING", "STATEFUL", "NONE", a, SessionCluster.JOB_CLASS, 0, url)),
                "spec.template.parallelism");
        assertOneLine400(api.post(DEPLOYMENTS, deployment("bad", "RUNNING", "STATEFUL", "NONE", a, SessionCluster.JOB_CLASS,
                SessionCluster.SLOTS + 1, url)), "spec.template.parallelism", "more than the " + SessionCluster.SLOTS + " slots");
        assertOneLine400(api.post(DEPLOYMENTS, deployment("bad", "RUNNING", "SOMETIMES", "NONE", a, SessionCluster.JOB_CLASS, 1, url)),
                "spec.upgradeStrategy", "SOMETIMES", "STATEFUL");
        assertOneLine400(api.post(DEPLOYMENTS, deployment("bad", "RUNNING", "STATEFUL", "NONE", 999_999, SessionCluster.JOB_CLASS, 1, url)),
                "spec.template.artifactId");
        assertOneLine400(api.post(DEPLOYMENTS, deployment("bad", "RUNNING", "STATEFUL", "NONE", a, SessionCluster.JOB_CLASS, 1,
                "http://localhost:" + SessionCluster.freePort())), "spec.target.restUrl");
        assertOneLine400(api.post(DEPLOYMENTS, deployment("Bad_Name", "RUNNING", "STATEFUL", "NONE", a, SessionCluster.JOB_CLASS, 1, url)),
                "metadata.name");
        String good = deployment("bad", "RUNNING", "STATEFUL", "NONE", a, SessionCluster.JOB_CLASS, 1, url);
        assertOneLine400(api.post(DEPLOYMENTS, good.replace("\"maxJobCreationAttempts\": 2", "\"rollback\": {\"readinessWindow\": \"5s\"}")),
                "spec.rollback.readinessWindow", "shorter than the minimum of 10 s");
        assertOneLine400(api.post(DEPLOYMENTS, good.replace("\"maxJobCreationAttempts\": 2", "\"rollback\": {\"readinessWindow\": \"soon\"}")),
                "spec.rollback.readinessWindow", "'soon' is not a duration");
        assertOneLine400(api.post(DEPLOYMENTS, good.replace("\"maxJobCreationAttempts\": 2", "\"rollback\": {}")),
                "spec.rollback.readinessWindow");

        assertThat(api.get(DEPLOYMENTS + "/bad").status()).isEqualTo(404);
        assertThat(api.get(DEPLOYMENTS).json().size()).isZero();
    }

    @Test
    @Order(2)
    void dryRunSaysWhatAnApplyWouldDoAndChangesNothing() throws Exception {
        Api api = admin();
        Api.Response dry = api.post(DEPLOYMENTS + "?dryRun=true", measurement("dry", "RUNNING", 2));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("plan").asString()).startsWith("create; start the job at parallelism 2 from the newest savepoint,"
                + " if there is one; the session cluster has 4 free slot(s) for parallelism 2; Flink compiled the job graph: ");
        assertThat(api.get(DEPLOYMENTS + "/dry").status()).isEqualTo(404);

        Api.Response created = api.post(DEPLOYMENTS, measurement("parked", "CANCELLED", 2));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/spec/template/parallelism").asInt()).isEqualTo(2);
        assertThat(created.json().at("/status/state").asString()).isEqualTo("TRANSITIONING");
        assertThat(created.json().at("/generation").asLong()).isEqualTo(1);
        assertThat(api.post(DEPLOYMENTS, measurement("parked", "CANCELLED", 2)).status()).isEqualTo(409);

        Api.Response dryReplace = api.put(DEPLOYMENTS + "/parked?dryRun=true", measurement("parked", "RUNNING", 1));
        assertThat(dryReplace.status()).as(dryReplace.body()).isEqualTo(200);
        assertThat(dryReplace.json().get("plan").asString()).startsWith("start the job at parallelism 1");
        assertThat(api.get(DEPLOYMENTS + "/parked").json().at("/generation").asLong()).isEqualTo(1);

        Api.Response replaced = api.put(DEPLOYMENTS + "/parked", measurement("parked", "SUSPENDED", 1));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().at("/generation").asLong()).isEqualTo(2);
        assertThat(api.get(DEPLOYMENTS).json().size()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anArtifactInUseCannotBeDeletedAndViewersOnlyRead() throws Exception {
        Api api = admin();
        Api.Response refused = api.delete("/api/v1/namespaces/default/artifacts/" + artifact());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.error()).contains("parked");

        Api.Response user = api.post("/api/v1/users",
                "{\"username\":\"vic\",\"password\":\"vic-password-123\",\"roles\":{\"default\":\"VIEWER\"}}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        Api viewer = new Api(port, "vic", "vic-password-123");
        assertThat(viewer.get(DEPLOYMENTS + "/parked").status()).isEqualTo(200);
        assertThat(viewer.put(DEPLOYMENTS + "/parked", measurement("parked", "RUNNING", 1)).status()).isEqualTo(403);
        assertThat(viewer.delete(DEPLOYMENTS + "/parked").status()).isEqualTo(403);

        assertThat(api.delete(DEPLOYMENTS + "/parked").status()).isEqualTo(204);
        assertThat(api.get(DEPLOYMENTS + "/parked").status()).isEqualTo(404);
        Api.Response events = api.get("/api/v1/namespaces/default/events");
        assertThat(events.body()).contains("deployment.created", "deployment.replaced", "deployment.deleted");
    }

    private JsonNode awaitState(String name, String state) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode d = null;
        while (System.nanoTime() < deadline) {
            d = admin().get(DEPLOYMENTS + "/" + name).json();
            if (d.at("/status/state").asString().equals(state) && d.at("/status/intent").isNull()) {
                return d;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("deployment " + name + " did not reach " + state + " in " + TIMEOUT.toSeconds() + " s: "
                + d + "\nevents: " + admin().get(DEPLOYMENTS + "/" + name + "/events").body());
    }

    /** The deployment once it runs a job of the given parallelism, or as last read when the timeout passed. */
    private JsonNode awaitRunningAt(String name, int parallelism) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode d = admin().get(DEPLOYMENTS + "/" + name).json();
        while (System.nanoTime() < deadline && !(d.at("/status/state").asString().equals("RUNNING")
                && d.at("/status/lastReconciledSpec/template/parallelism").asInt() == parallelism)) {
            Thread.sleep(500);
            d = admin().get(DEPLOYMENTS + "/" + name).json();
        }
        return d;
    }

    /** The jobs Flink runs (not ended) under the deployment's job name. */
    private List<JobDetails> jobsInFlink(String jobName) throws Exception {
        return new FlinkJobs(cluster.restUrl()).overview().stream()
                .filter(j -> j.getJobName().equals(jobName) && !j.getStatus().isGloballyTerminalState()).toList();
    }

    @Test
    @Order(4)
    void aRunningDeploymentRunsItsJobInFlink() throws Exception {
        Api api = admin();
        Api.Response created = api.post(DEPLOYMENTS, measurement("orders", "RUNNING", 2));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode d = awaitState("orders", "RUNNING");
        String job = d.at("/status/jobId").asString();
        assertThat(d.at("/status/jobStatus").asString()).isEqualTo("RUNNING");
        assertThat(new FlinkJobs(cluster.restUrl()).status(JobID.fromHexString(job))).isEqualTo(JobStatus.RUNNING);
        assertThat(jobsInFlink("orders")).extracting(j -> j.getJobId().toHexString()).containsExactly(job);
        JsonNode jobs = api.get(DEPLOYMENTS + "/orders/jobs").json();
        assertThat(jobs.size()).isEqualTo(1);
        assertThat(jobs.get(0).get("flinkJobId").asString()).isEqualTo(job);
        assertThat(jobs.get(0).at("/spec/template/parallelism").asInt()).isEqualTo(2);
        assertThat(d.at("/status/lastReconciledSpec/template/parallelism").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void suspendTakesASavepointAndResumeRestoresFromIt() throws Exception {
        Api api = admin();
        assertThat(api.put(DEPLOYMENTS + "/orders", measurement("orders", "SUSPENDED", 2)).status()).isEqualTo(200);
        JsonNode suspended = awaitState("orders", "SUSPENDED");
        assertThat(suspended.at("/status/jobId").isNull()).isTrue();
        assertThat(jobsInFlink("orders")).isEmpty();
        JsonNode savepoint = api.get(DEPLOYMENTS + "/orders/savepoints").json().get(0);
        assertThat(savepoint.get("origin").asString()).isEqualTo("SUSPEND");
        assertThat(savepoint.get("state").asString()).isEqualTo("COMPLETED");
        String location = savepoint.get("location").asString();
        assertThat(location).isNotBlank();

        assertThat(api.put(DEPLOYMENTS + "/orders", measurement("orders", "RUNNING", 2)).status()).isEqualTo(200);
        JsonNode resumed = awaitState("orders", "RUNNING");
        String job = resumed.at("/status/jobId").asString();
        JsonNode newest = api.get(DEPLOYMENTS + "/orders/jobs").json().get(0);
        assertThat(newest.get("flinkJobId").asString()).isEqualTo(job);
        assertThat(newest.get("restoredFrom").asString()).as("the run request's savepoint path").isEqualTo(location);
        assertThat(new FlinkJobs(cluster.restUrl()).checkpoints(JobID.fromHexString(job)).getCounts()
                .getNumberRestoredCheckpoints()).as("Flink restored the job from the savepoint").isEqualTo(1);
        assertThat(jobsInFlink("orders")).hasSize(1);
    }

    @Test
    @Order(6)
    void aStatefulUpgradeTakesASavepointAndLeavesExactlyOneNewJob() throws Exception {
        Api api = admin();
        String before = api.get(DEPLOYMENTS + "/orders").json().at("/status/jobId").asString();
        Api.Response dry = api.put(DEPLOYMENTS + "/orders?dryRun=true", measurement("orders", "RUNNING", 1));
        assertThat(dry.json().get("plan").asString()).startsWith("savepoint, then restart at parallelism 1 from it; ");
        // a dry run counts the slots free now, plus those the deployment's own job gives back on the upgrade
        Api.Response fits = api.put(DEPLOYMENTS + "/orders?dryRun=true", measurement("orders", "RUNNING", 4));
        assertThat(fits.status()).as(fits.body()).isEqualTo(200);
        assertThat(fits.json().get("plan").asString()).contains("2 free slot(s) + 2 that job " + before + " of this deployment gives back");
        assertOneLine400(api.post(DEPLOYMENTS + "?dryRun=true", measurement("greedy", "RUNNING", 3)),
                "invalid field 'spec.template.parallelism': 3 does not fit the session cluster", "2 free slot(s)");

        assertThat(api.put(DEPLOYMENTS + "/orders", measurement("orders", "RUNNING", 1)).status()).isEqualTo(200);
        JsonNode d = awaitRunningAt("orders", 1);
        assertThat(d.at("/status/lastReconciledSpec/template/parallelism").asInt()).as(d.toString()).isEqualTo(1);
        assertThat(d.at("/status/state").asString()).isEqualTo("RUNNING");
        String after = d.at("/status/jobId").asString();
        assertThat(after).isNotEqualTo(before);

        JsonNode savepoint = api.get(DEPLOYMENTS + "/orders/savepoints").json().get(0);
        assertThat(savepoint.get("origin").asString()).isEqualTo("UPGRADE");
        assertThat(savepoint.get("state").asString()).isEqualTo("COMPLETED");
        JsonNode jobs = api.get(DEPLOYMENTS + "/orders/jobs").json();
        assertThat(jobs.size()).isEqualTo(3);
        assertThat(jobs.get(0).get("restoredFrom").asString()).isEqualTo(savepoint.get("location").asString());
        assertThat(jobs.get(1).get("finalState").asString()).isEqualTo("FINISHED");
        assertThat(jobsInFlink("orders")).as("exactly one job of the deployment in Flink")
                .extracting(j -> j.getJobId().toHexString()).containsExactly(after);
        assertThat(new FlinkJobs(cluster.restUrl()).details(JobID.fromHexString(after)).getJobVertexInfos())
                .allSatisfy(v -> assertThat(v.getParallelism()).isEqualTo(1));

        assertThat(api.put(DEPLOYMENTS + "/orders", measurement("orders", "CANCELLED", 1)).status()).isEqualTo(200);
        awaitState("orders", "CANCELLED");
        assertThat(jobsInFlink("orders")).isEmpty();
        assertThat(api.get(DEPLOYMENTS + "/orders/events").body()).contains("SAVEPOINT_COMPLETED", "JOB_SUBMITTED",
                "JOB_CANCELLED", "STATE_CHANGED");
    }

    @Test
    @Order(7)
    void aJobThatKeepsFailingIsRestartedWithinTheLimitThenFailedWithItsRootCause() throws Exception {
        Api api = admin();
        String spec = deployment("failing", "RUNNING", "STATEFUL", "LATEST_SAVEPOINT", artifact(), SessionCluster.JOB_CLASS, 1,
                cluster.restUrl(), "--rate", "500", "--sink", "discard", "--job-name", "failing", "--restart-strategy", "none",
                "--fail-after", "100", "--checkpoint-interval", "1s");
        assertThat(api.post(DEPLOYMENTS, spec).status()).isEqualTo(201);
        JsonNode failed = awaitState("failing", "FAILED");
        assertThat(failed.at("/status/lastError").asString()).contains("failed 2 time(s)", "Injected failure");
        JsonNode jobs = api.get(DEPLOYMENTS + "/failing/jobs").json();
        assertThat(jobs.size()).as("maxJobCreationAttempts 2: two jobs, no third").isEqualTo(2);
        assertThat(jobs.get(0).get("finalState").asString()).isEqualTo("FAILED");
        String events = api.get(DEPLOYMENTS + "/failing/events").body();
        assertThat(events).contains("RETRIES_EXHAUSTED", "JOB_FAILED", "Injected failure");
        assertThat(jobsInFlink("failing")).isEmpty();
    }

    @Test
    @Order(8)
    void aJobWhoseMainThrowsIsRefusedWithinTheLimitThenFailed() throws Exception {
        Api api = admin();
        String spec = deployment("badargs", "RUNNING", "STATEFUL", "NONE", artifact(), SessionCluster.JOB_CLASS, 1,
                cluster.restUrl(), "--no-such-option", "1");
        assertThat(api.post(DEPLOYMENTS, spec).status()).isEqualTo(201);
        JsonNode failed = awaitState("badargs", "FAILED");
        assertThat(failed.at("/status/lastError").asString()).contains("could not be started in 2 attempt(s)", "no-such-option");
        assertThat(api.get(DEPLOYMENTS + "/badargs/jobs").json().size()).isEqualTo(2);
        assertThat(api.get(DEPLOYMENTS + "/badargs/events").body()).contains("RETRIES_EXHAUSTED");
    }

    @Test
    @Order(9)
    void aStatefulUpgradeWhoseSavepointFailsKeepsTheOldJobAndSaysWhyUntilAStatelessOneIsAsked() throws Exception {
        Api api = admin();
        assertThat(api.post(DEPLOYMENTS, measurement("sticky", "RUNNING", 1)).status()).isEqualTo(201);
        String job = awaitState("sticky", "RUNNING").at("/status/jobId").asString();

        String unwritable = measurement("sticky", "RUNNING", 2).replace("\"parallelism\": 2}",
                "\"parallelism\": 2, \"flinkConfiguration\": {\"state.savepoints.dir\": \"file:///proc/lab-no-savepoints\"}}");
        assertThat(unwritable).contains("lab-no-savepoints");
        assertThat(api.put(DEPLOYMENTS + "/sticky", unwritable).status()).isEqualTo(200);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode d = api.get(DEPLOYMENTS + "/sticky").json();
        while (System.nanoTime() < deadline && !d.at("/status/lastError").asString("").contains("stuck")) {
            Thread.sleep(500);
            d = api.get(DEPLOYMENTS + "/sticky").json();
        }
        assertThat(d.at("/status/lastError").asString()).as(d.toString()).contains("STATEFUL upgrade stuck", "2 time(s)",
                "the old job keeps running");
        assertThat(d.at("/status/jobId").asString()).isEqualTo(job);
        assertThat(jobsInFlink("sticky")).as("the old job runs on, no stateless start")
                .extracting(j -> j.getJobId().toHexString()).containsExactly(job);
        assertThat(api.get(DEPLOYMENTS + "/sticky/jobs").json().size()).isEqualTo(1);
        JsonNode savepoints = api.get(DEPLOYMENTS + "/sticky/savepoints").json();
        assertThat(savepoints.size()).isEqualTo(2);
        assertThat(savepoints.get(0).get("state").asString()).isEqualTo("FAILED");
        Thread.sleep(3000);
        assertThat(api.get(DEPLOYMENTS + "/sticky/savepoints").json().size()).as("no third attempt").isEqualTo(2);

        // the way on: a STATELESS upgrade with restore NONE, which the user chooses explicitly
        String stateless = deployment("sticky", "RUNNING", "STATELESS", "NONE", artifact(), SessionCluster.JOB_CLASS, 2,
                cluster.restUrl(), "--rate", "500", "--sink", "discard", "--job-name", "sticky");
        assertThat(api.put(DEPLOYMENTS + "/sticky?dryRun=true", stateless).json().get("plan").asString())
                .startsWith("cancel, then start at parallelism 2 with empty state; ");
        assertThat(api.put(DEPLOYMENTS + "/sticky", stateless).status()).isEqualTo(200);
        d = awaitRunningAt("sticky", 2);
        assertThat(d.at("/status/lastReconciledSpec/template/parallelism").asInt()).as(d.toString()).isEqualTo(2);
        assertThat(d.at("/status/lastError").isNull()).isTrue();
        JsonNode statelessJobs = api.get(DEPLOYMENTS + "/sticky/jobs").json();
        assertThat(statelessJobs.size()).isEqualTo(2);
        assertThat(statelessJobs.get(0).get("restoredFrom").isNull()).as("restore NONE: empty state").isTrue();
        assertThat(statelessJobs.get(1).get("finalState").asString()).isEqualTo("CANCELED");
        assertThat(jobsInFlink("sticky")).extracting(j -> j.getJobId().toHexString())
                .containsExactly(d.at("/status/jobId").asString());

        assertThat(api.put(DEPLOYMENTS + "/sticky", measurement("sticky", "CANCELLED", 1)).status()).isEqualTo(200);
        awaitState("sticky", "CANCELLED");
        assertThat(jobsInFlink("sticky")).isEmpty();
    }

    @Test
    @Order(10)
    void aNewSpecThatCannotStartIsRolledBackToTheLastStableOneFromTheUpgradesSavepoint() throws Exception {
        Api api = admin();
        String rollback = "\"maxJobCreationAttempts\": 2, \"rollback\": {\"readinessWindow\": \"2m\"}";
        String stable = measurement("canary", "RUNNING", 1).replace("\"maxJobCreationAttempts\": 2", rollback);
        assertThat(api.post(DEPLOYMENTS, stable).status()).isEqualTo(201);
        String stableJob = awaitState("canary", "RUNNING").at("/status/jobId").asString();

        // a new JAR's main that throws: the STATEFUL upgrade's savepoint is taken, then no start attempt succeeds
        String broken = deployment("canary", "RUNNING", "STATEFUL", "LATEST_SAVEPOINT", artifact(), SessionCluster.JOB_CLASS, 2,
                cluster.restUrl(), "--no-such-option", "1").replace("\"maxJobCreationAttempts\": 2", rollback);
        assertThat(api.put(DEPLOYMENTS + "/canary?dryRun=true", broken).status()).as("a dry run would have caught it").isEqualTo(400);
        assertThat(api.put(DEPLOYMENTS + "/canary", broken).status()).isEqualTo(200);
        JsonNode rolledBack = awaitState("canary", "ROLLED_BACK");
        assertThat(rolledBack.at("/status/lastError").asString()).contains("rolled back to the last stable spec",
                "could not be started in 2 attempt(s)", "no-such-option", "change the spec to try again");
        assertThat(rolledBack.at("/spec/template/parallelism").asInt()).as("the spec stays what the user wrote").isEqualTo(2);
        assertThat(rolledBack.at("/status/lastReconciledSpec/template/parallelism").asInt()).isEqualTo(1);

        JsonNode upgradeSavepoint = api.get(DEPLOYMENTS + "/canary/savepoints").json().get(0);
        assertThat(upgradeSavepoint.get("origin").asString()).isEqualTo("UPGRADE");
        assertThat(upgradeSavepoint.get("flinkJobId").asString()).isEqualTo(stableJob);
        JsonNode jobs = api.get(DEPLOYMENTS + "/canary/jobs").json();
        assertThat(jobs.size()).as("the stable job, two failed starts, the rollback's job").isEqualTo(4);
        JsonNode back = jobs.get(0);
        String backJob = rolledBack.at("/status/jobId").asString();
        assertThat(back.get("flinkJobId").asString()).isEqualTo(backJob);
        assertThat(back.at("/spec/template/programArgs").toString()).contains("--rate", "500").doesNotContain("no-such-option");
        assertThat(back.get("restoredFrom").asString()).isEqualTo(upgradeSavepoint.get("location").asString());
        assertThat(new FlinkJobs(cluster.restUrl()).checkpoints(JobID.fromHexString(backJob)).getCounts()
                .getNumberRestoredCheckpoints()).as("Flink restored the stable spec from the upgrade's savepoint").isEqualTo(1);
        assertThat(jobsInFlink("canary")).extracting(j -> j.getJobId().toHexString()).containsExactly(backJob);
        assertThat(api.get(DEPLOYMENTS + "/canary/events").body()).contains("ROLLED_BACK", "RETRIES_EXHAUSTED");
        Thread.sleep(3000);
        assertThat(api.get(DEPLOYMENTS + "/canary/jobs").json().size()).as("the rolled-back spec is not tried again").isEqualTo(4);

        // a changed spec is tried again: a good one upgrades the rolled-back job as usual
        String good = measurement("canary", "RUNNING", 2).replace("\"maxJobCreationAttempts\": 2", rollback);
        assertThat(api.put(DEPLOYMENTS + "/canary?dryRun=true", good).json().get("plan").asString())
                .contains("rolled back to the running spec if its tasks do not all run within 2m");
        assertThat(api.put(DEPLOYMENTS + "/canary", good).status()).isEqualTo(200);
        JsonNode d = awaitRunningAt("canary", 2);
        assertThat(d.at("/status/state").asString()).as(d.toString()).isEqualTo("RUNNING");
        assertThat(d.at("/status/lastError").isNull()).isTrue();
        assertThat(d.at("/status/lastStableSpec/template/parallelism").asInt()).isEqualTo(2);

        assertThat(api.put(DEPLOYMENTS + "/canary", measurement("canary", "CANCELLED", 2)).status()).isEqualTo(200);
        awaitState("canary", "CANCELLED");
        assertThat(jobsInFlink("canary")).isEmpty();
    }

    /** A reconciler as a restarted platform has it: new instances, the same database and Flink. */
    private Reconciler freshReconciler() {
        return beans.createBean(Reconciler.class);
    }

    private Deployment driveUntil(Reconciler reconciler, String name, DeploymentState state) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                reconciler.reconcileAll();
            } catch (SimulatedCrash expected) {
                // the armed crash: this reconciler is dead from here on
                return null;
            }
            Deployment d = deployments.find("default", name).orElseThrow();
            if (d.status().state() == state && d.status().intent() == null) {
                return d;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + " did not reach " + state + ": " + deployments.find("default", name));
    }

    @Test
    @Order(11)
    void aCrashAfterPersistingTheJobIdAndBeforeSubmittingEndsWithExactlyOneJob() throws Exception {
        crash.arm("crashy", ReconcilerHook.Point.INTENT_PERSISTED, loop::stop);
        assertThat(admin().post(DEPLOYMENTS, measurement("crashy", "RUNNING", 1)).status()).isEqualTo(201);
        assertThat(crash.crashed.await(30, TimeUnit.SECONDS)).as("the scheduled reconciler reached the crash").isTrue();

        Deployment crashed = deployments.find("default", "crashy").orElseThrow();
        String job = crashed.status().intent().jobId();
        assertThat(history.job(job)).as("the job id is persisted before the submission").isPresent();
        assertThat(new FlinkJobs(cluster.restUrl()).knows(JobID.fromHexString(job))).as("nothing was submitted").isFalse();

        Deployment running = driveUntil(freshReconciler(), "crashy", DeploymentState.RUNNING);
        assertThat(running.status().jobId()).isEqualTo(job);
        assertThat(history.jobs(running.id())).hasSize(1);
        assertThat(jobsInFlink("crashy")).extracting(j -> j.getJobId().toHexString()).containsExactly(job);
    }

    @Test
    @Order(12)
    void aCrashAfterSubmittingAndBeforeRecordingItAdoptsTheJob() throws Exception {
        Reconciler first = freshReconciler(); // the scheduled loop is stopped since the last test
        crash.arm("adopted", ReconcilerHook.Point.FLINK_CALLED, () -> {});
        assertThat(admin().post(DEPLOYMENTS, measurement("adopted", "RUNNING", 1)).status()).isEqualTo(201);
        assertThat(driveUntil(first, "adopted", DeploymentState.RUNNING)).as("the first reconciler crashed").isNull();

        Deployment crashed = deployments.find("default", "adopted").orElseThrow();
        String job = crashed.status().intent().jobId();
        assertThat(crashed.status().jobId()).as("the submission's success is not recorded").isNull();
        assertThat(new FlinkJobs(cluster.restUrl()).knows(JobID.fromHexString(job))).as("Flink has the job").isTrue();

        Deployment running = driveUntil(freshReconciler(), "adopted", DeploymentState.RUNNING);
        assertThat(running.status().jobId()).isEqualTo(job);
        assertThat(history.jobs(running.id())).hasSize(1);
        assertThat(history.events(running.id(), 50)).extracting(DeploymentEvent::type).contains(DeploymentEvent.Type.JOB_ADOPTED)
                .doesNotContain(DeploymentEvent.Type.JOB_SUBMITTED);
        assertThat(jobsInFlink("adopted")).extracting(j -> j.getJobId().toHexString()).containsExactly(job);
    }

    @Test
    @Order(13)
    void aCrashAfterPersistingTheTriggerIdAndBeforeTriggeringStillSuspendsWithOneSavepoint() throws Exception {
        crash.arm("crashy", ReconcilerHook.Point.INTENT_PERSISTED, () -> {});
        assertThat(admin().put(DEPLOYMENTS + "/crashy", measurement("crashy", "SUSPENDED", 1)).status()).isEqualTo(200);
        assertThat(driveUntil(freshReconciler(), "crashy", DeploymentState.SUSPENDED)).as("the first reconciler crashed").isNull();
        Deployment crashed = deployments.find("default", "crashy").orElseThrow();
        String trigger = crashed.status().intent().triggerId();
        assertThat(history.savepoints(crashed.id())).singleElement().satisfies(sp -> {
            assertThat(sp.triggerId()).isEqualTo(trigger);
            assertThat(sp.state()).isEqualTo(Savepoint.State.PENDING);
        });

        Deployment suspended = driveUntil(freshReconciler(), "crashy", DeploymentState.SUSPENDED);
        assertThat(history.savepoints(suspended.id())).singleElement().satisfies(sp -> {
            assertThat(sp.triggerId()).as("the persisted trigger id, no new one").isEqualTo(trigger);
            assertThat(sp.state()).isEqualTo(Savepoint.State.COMPLETED);
        });
        assertThat(jobsInFlink("crashy")).isEmpty();
    }

    @Test
    @Order(14)
    void aCrashAfterTriggeringPollsThePersistedTriggerInsteadOfTriggeringAgain() throws Exception {
        crash.arm("adopted", ReconcilerHook.Point.FLINK_CALLED, () -> {});
        assertThat(admin().put(DEPLOYMENTS + "/adopted", measurement("adopted", "SUSPENDED", 1)).status()).isEqualTo(200);
        assertThat(driveUntil(freshReconciler(), "adopted", DeploymentState.SUSPENDED)).as("the first reconciler crashed").isNull();
        String trigger = deployments.find("default", "adopted").orElseThrow().status().intent().triggerId();

        Deployment suspended = driveUntil(freshReconciler(), "adopted", DeploymentState.SUSPENDED);
        assertThat(history.savepoints(suspended.id())).singleElement().satisfies(sp -> {
            assertThat(sp.triggerId()).isEqualTo(trigger);
            assertThat(sp.state()).isEqualTo(Savepoint.State.COMPLETED);
        });
        assertThat(history.events(suspended.id(), 100)).extracting(DeploymentEvent::type)
                .as("polled, not triggered again").doesNotContain(DeploymentEvent.Type.SAVEPOINT_TRIGGERED);
        assertThat(jobsInFlink("adopted")).isEmpty();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("platform-deployments-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
