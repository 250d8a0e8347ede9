package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.platform.deployments.DeploymentsOnSessionClusterTest.CrashHook;
import dev.flinkopslab.platform.deployments.DeploymentsOnSessionClusterTest.SimulatedCrash;
import dev.flinkopslab.platform.reconciler.Reconciler;
import dev.flinkopslab.platform.reconciler.ReconcilerHook;
import dev.flinkopslab.platform.reconciler.ReconcilerLoop;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Savepoints against a real Flink session cluster (its own, for the class), the platform in process and H2: a
 * user's savepoint of a running job, disposing one (files gone, never restored from), a periodic schedule with its
 * retention, and crashes after the savepoint is recorded (a fresh reconciler completes it with the recorded trigger id).
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(DeploymentsOnSessionClusterTest.Hooks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + SavepointsOnSessionClusterTest.ADMIN_PASSWORD,
        "lab.platform.reconciler.interval-ms=1000"})
class SavepointsOnSessionClusterTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String DEPLOYMENTS = DeploymentsOnSessionClusterTest.DEPLOYMENTS;
    private static final Path DATA_DIR = tempDir();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static SessionCluster cluster;
    private static long artifactId;
    private static long firstSavepoint;

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
    AutowireCapableBeanFactory beans;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    static void startCluster() {
        cluster = SessionCluster.start("platform-savepoints");
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

    /** A measurement job at parallelism 1; {@code schedule} is spec.savepoints as JSON, or null. */
    private String spec(String name, String state, String schedule) throws Exception {
        if (artifactId == 0) {
            Api.Response r = admin().upload("/api/v1/namespaces/default/artifacts", "flink-ops-lab-job.jar",
                    Files.readAllBytes(SessionCluster.jobJar()));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            artifactId = r.json().get("id").asLong();
        }
        String spec = DeploymentsOnSessionClusterTest.deployment(name, state, "STATEFUL", "LATEST_SAVEPOINT", artifactId,
                SessionCluster.JOB_CLASS, 1, cluster.restUrl(), "--rate", "500", "--sink", "discard", "--job-name", name);
        if (schedule == null) {
            return spec;
        }
        String scheduled = spec.replace("\"maxJobCreationAttempts\": 2}", "\"maxJobCreationAttempts\": 2, \"savepoints\": " + schedule + "}");
        assertThat(scheduled).as("the schedule is in the spec").contains(schedule);
        return scheduled;
    }

    /** Reads until {@code done} holds; the last read is in the failure. */
    private static <T> T await(String what, Duration timeout, Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.call();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeout.toSeconds() + " s; last: " + last);
            }
            Thread.sleep(500);
            last = read.call();
        }
        return last;
    }

    private JsonNode awaitState(String name, String state) throws Exception {
        return await(name + " " + state, TIMEOUT, () -> admin().get(DEPLOYMENTS + "/" + name).json(),
                d -> d.at("/status/state").asString().equals(state) && d.at("/status/intent").isNull());
    }

    private JsonNode awaitSavepoint(String name, long id, String state) throws Exception {
        return await("savepoint " + id + " " + state, TIMEOUT,
                () -> admin().get(DEPLOYMENTS + "/" + name + "/savepoints/" + id).json(),
                sp -> sp.get("state").asString().equals(state));
    }

    private static Path files(String location) {
        return Path.of(URI.create(location));
    }

    private static void assertOneLine(Api.Response r, int status, String... fragments) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error()).doesNotContain("\n").contains(fragments);
    }

    @Test
    @Order(1)
    void refusesABadScheduleAndASavepointWithoutARunningJobWithOneLine() throws Exception {
        Api api = admin();
        assertOneLine(api.post(DEPLOYMENTS, spec("bad", "RUNNING", "{\"interval\": \"5s\"}")), 400,
                "spec.savepoints.interval", "minimum of 10 s");
        assertOneLine(api.post(DEPLOYMENTS, spec("bad", "RUNNING", "{\"interval\": \"soon\"}")), 400,
                "spec.savepoints.interval", "not a duration");
        assertOneLine(api.post(DEPLOYMENTS, spec("bad", "RUNNING", "{\"interval\": \"PT1M\", \"maxCount\": 0}")), 400,
                "spec.savepoints.maxCount");
        assertOneLine(api.post(DEPLOYMENTS, spec("bad", "RUNNING", "{\"maxAge\": \"0s\"}")), 400, "spec.savepoints.maxAge");
        assertThat(api.get(DEPLOYMENTS + "/bad").status()).isEqualTo(404);

        assertThat(api.post(DEPLOYMENTS, spec("idle", "CANCELLED", null)).status()).isEqualTo(201);
        assertOneLine(api.post(DEPLOYMENTS + "/idle/savepoints", ""), 409, "deployment 'idle' has no running job");
        assertThat(api.get(DEPLOYMENTS + "/idle/savepoints").json().size()).isZero();
        assertThat(api.post(DEPLOYMENTS + "/nowhere/savepoints", "").status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aUserSavepointIsTriggeredByTheReconcilerAndCompletesWhileTheJobRunsOn() throws Exception {
        Api api = admin();
        assertThat(api.post(DEPLOYMENTS, spec("manual", "RUNNING", null)).status()).isEqualTo(201);
        String job = awaitState("manual", "RUNNING").at("/status/jobId").asString();

        Api.Response accepted = api.post(DEPLOYMENTS + "/manual/savepoints", "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("origin").asString()).isEqualTo("USER");
        assertThat(accepted.json().get("state").asString()).isEqualTo("PENDING");
        assertThat(accepted.json().get("flinkJobId").asString()).isEqualTo(job);
        assertThat(accepted.json().get("triggerId").asString()).matches("[0-9a-f]{32}");
        firstSavepoint = accepted.json().get("id").asLong();

        JsonNode completed = awaitSavepoint("manual", firstSavepoint, "COMPLETED");
        assertThat(completed.get("triggerId").asString()).isEqualTo(accepted.json().get("triggerId").asString());
        Path dir = files(completed.get("location").asString());
        assertThat(dir).startsWith(DATA_DIR.resolve("savepoints/default/manual"));
        assertThat(dir.resolve("_metadata")).as("Flink wrote the savepoint").isRegularFile();

        JsonNode d = api.get(DEPLOYMENTS + "/manual").json();
        assertThat(d.at("/status/jobId").asString()).as("a savepoint, not a stop").isEqualTo(job);
        assertThat(new FlinkJobs(cluster.restUrl()).status(JobID.fromHexString(job)).isGloballyTerminalState()).isFalse();
        assertThat(api.get(DEPLOYMENTS + "/manual/events").body()).contains("SAVEPOINT_TRIGGERED", "SAVEPOINT_COMPLETED");
        assertThat(api.get("/api/v1/namespaces/default/events").body()).contains("savepoint.requested");
    }

    @Test
    @Order(3)
    void disposeRemovesTheFilesAndADisposedSavepointIsNeverRestoredFrom() throws Exception {
        Api api = admin();
        Api.Response second = api.post(DEPLOYMENTS + "/manual/savepoints", "");
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        long newest = second.json().get("id").asLong();
        Path newestFiles = files(awaitSavepoint("manual", newest, "COMPLETED").get("location").asString());
        Path firstFiles = files(api.get(DEPLOYMENTS + "/manual/savepoints/" + firstSavepoint).json().get("location").asString());

        Api.Response disposed = api.delete(DEPLOYMENTS + "/manual/savepoints/" + firstSavepoint);
        assertThat(disposed.status()).as(disposed.body()).isEqualTo(200);
        assertThat(disposed.json().get("state").asString()).isEqualTo("DISPOSED");
        assertThat(disposed.json().get("disposedAt").isNull()).isFalse();
        assertThat(disposed.json().get("failure").isNull()).as(disposed.body()).isTrue();
        assertThat(firstFiles).doesNotExist();
        assertOneLine(api.delete(DEPLOYMENTS + "/manual/savepoints/" + firstSavepoint), 409, "DISPOSED");

        assertOneLine(api.delete(DEPLOYMENTS + "/manual/savepoints/" + newest), 409, "restores from next", "?force=true");
        assertThat(newestFiles.resolve("_metadata")).isRegularFile();
        Api.Response forced = api.delete(DEPLOYMENTS + "/manual/savepoints/" + newest + "?force=true");
        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(newestFiles).doesNotExist();
        assertThat(api.get(DEPLOYMENTS + "/manual/events").body()).contains("SAVEPOINT_DISPOSED");
        assertThat(api.get("/api/v1/namespaces/default/events").body()).contains("savepoint.disposed", "forced");

        // with both disposed, a new start has nothing to restore from: empty state, not a disposed savepoint
        assertThat(api.put(DEPLOYMENTS + "/manual", spec("manual", "CANCELLED", null)).status()).isEqualTo(200);
        awaitState("manual", "CANCELLED");
        assertThat(api.put(DEPLOYMENTS + "/manual", spec("manual", "RUNNING", null)).status()).isEqualTo(200);
        awaitState("manual", "RUNNING");
        JsonNode restarted = api.get(DEPLOYMENTS + "/manual/jobs").json().get(0);
        assertThat(restarted.get("restoredFrom").isNull()).as(restarted.toString()).isTrue();

        assertThat(api.put(DEPLOYMENTS + "/manual", spec("manual", "CANCELLED", null)).status()).isEqualTo(200);
        awaitState("manual", "CANCELLED");
    }

    @Test
    @Order(4)
    void aPeriodicScheduleTakesSavepointsAndKeepsOnlyMaxCountCompletedOnDisk() throws Exception {
        Api api = admin();
        Api.Response created = api.post(DEPLOYMENTS, spec("periodic", "RUNNING", "{\"interval\": \"10s\", \"maxCount\": 2}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/spec/savepoints").size()).as(created.body()).isEqualTo(3);
        assertThat(created.json().at("/spec/savepoints/interval").asString()).isEqualTo("10s");

        await("a third periodic savepoint, and the oldest disposed by retention", Duration.ofSeconds(240),
                () -> api.get(DEPLOYMENTS + "/periodic/savepoints").json(),
                sps -> toList(sps).stream().anyMatch(sp -> sp.get("state").asString().equals("DISPOSED")));
        // no more periodic ones (retention stays), so the disk can be counted without one on its way
        assertThat(api.put(DEPLOYMENTS + "/periodic", spec("periodic", "RUNNING", "{\"maxCount\": 2}")).status()).isEqualTo(200);
        List<JsonNode> all = await("no savepoint pending", TIMEOUT, () -> toList(api.get(DEPLOYMENTS + "/periodic/savepoints").json()),
                sps -> sps.stream().noneMatch(sp -> sp.get("state").asString().equals("PENDING")));

        assertThat(all).extracting(sp -> sp.get("origin").asString()).containsOnly("PERIODIC");
        List<JsonNode> completed = all.stream().filter(sp -> sp.get("state").asString().equals("COMPLETED")).toList();
        List<JsonNode> disposed = all.stream().filter(sp -> sp.get("state").asString().equals("DISPOSED")).toList();
        assertThat(completed).as(all.toString()).hasSize(2);
        assertThat(completed.get(1).get("id").asLong()).as("the newest are kept").isGreaterThan(disposed.get(0).get("id").asLong());
        completed.forEach(sp -> assertThat(files(sp.get("location").asString()).resolve("_metadata")).isRegularFile());
        disposed.forEach(sp -> assertThat(files(sp.get("location").asString())).doesNotExist());
        try (Stream<Path> onDisk = Files.list(DATA_DIR.resolve("savepoints/default/periodic"))) {
            assertThat(onDisk.toList()).hasSize(2);
        }
        for (int i = 0; i + 1 < all.size(); i++) {
            Duration apart = Duration.between(Instant.parse(all.get(i + 1).get("createdAt").asString()),
                    Instant.parse(all.get(i).get("createdAt").asString()));
            assertThat(apart).as("taken an interval apart").isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        }
        assertThat(api.get(DEPLOYMENTS + "/periodic/events").body()).contains("retention: beyond maxCount 2");

        assertThat(api.put(DEPLOYMENTS + "/periodic", spec("periodic", "CANCELLED", null)).status()).isEqualTo(200);
        awaitState("periodic", "CANCELLED");
    }

    private static List<JsonNode> toList(JsonNode array) {
        return array.valueStream().toList();
    }

    /** A reconciler as a restarted platform has it: a new instance (its parts keep no state), the same database and Flink. */
    private Reconciler freshReconciler() {
        return beans.createBean(Reconciler.class);
    }

    private Savepoint driveUntilCompleted(long id) throws Exception {
        Reconciler reconciler = freshReconciler();
        return await("savepoint " + id + " COMPLETED", TIMEOUT, () -> {
            reconciler.reconcileAll();
            return history.savepoint(id).orElseThrow();
        }, sp -> sp.state() == Savepoint.State.COMPLETED);
    }

    private long triggeredEvents(long deployment, String trigger) {
        return history.events(deployment, 500).stream()
                .filter(e -> e.type() == DeploymentEvent.Type.SAVEPOINT_TRIGGERED && e.message().contains(trigger)).count();
    }

    @Test
    @Order(5)
    void aCrashAfterTheSavepointIsRecordedEndsWithItCompletedUnderItsRecordedTriggerId() throws Exception {
        Api api = admin();
        assertThat(api.post(DEPLOYMENTS, spec("crashy", "RUNNING", null)).status()).isEqualTo(201);
        String job = awaitState("crashy", "RUNNING").at("/status/jobId").asString();
        crash.arm("crashy", ReconcilerHook.Point.INTENT_PERSISTED, loop::stop);
        Api.Response accepted = api.post(DEPLOYMENTS + "/crashy/savepoints", "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(crash.crashed.await(30, TimeUnit.SECONDS)).as("the scheduled reconciler reached the crash").isTrue();

        long id = accepted.json().get("id").asLong();
        String trigger = accepted.json().get("triggerId").asString();
        assertThat(history.savepoint(id).orElseThrow().state()).isEqualTo(Savepoint.State.PENDING);
        assertThatThrownBy(() -> new FlinkJobs(cluster.restUrl()).savepoint(JobID.fromHexString(job), TriggerId.fromHexString(trigger)))
                .as("Flink never heard of the trigger").isInstanceOf(FlinkRestException.class);
        assertOneLine(api.post(DEPLOYMENTS + "/crashy/savepoints", ""), 409, "savepoint " + id + " (USER)", "under way");

        Savepoint done = driveUntilCompleted(id);
        assertThat(done.triggerId()).as("the recorded trigger id, no new one").isEqualTo(trigger);
        assertThat(files(done.location()).resolve("_metadata")).isRegularFile();
        assertThat(history.savepoints(done.deploymentId())).singleElement().extracting(Savepoint::id).isEqualTo(id);
        assertThat(triggeredEvents(done.deploymentId(), trigger)).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aCrashAfterTriggeringPollsTheRecordedTriggerInsteadOfTriggeringAgain() throws Exception {
        Api api = admin(); // the scheduled loop is stopped since the last test
        String job = deployments.find("default", "crashy").orElseThrow().status().jobId();
        crash.arm("crashy", ReconcilerHook.Point.FLINK_CALLED, () -> {});
        Api.Response accepted = api.post(DEPLOYMENTS + "/crashy/savepoints", "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        long id = accepted.json().get("id").asLong();
        String trigger = accepted.json().get("triggerId").asString();
        Reconciler first = freshReconciler();
        assertThatThrownBy(first::reconcileAll).isInstanceOf(SimulatedCrash.class);

        assertThat(history.savepoint(id).orElseThrow().state()).isEqualTo(Savepoint.State.PENDING);
        new FlinkJobs(cluster.restUrl()).savepoint(JobID.fromHexString(job), TriggerId.fromHexString(trigger)); // Flink knows it

        Savepoint done = driveUntilCompleted(id);
        assertThat(done.triggerId()).isEqualTo(trigger);
        assertThat(triggeredEvents(done.deploymentId(), trigger)).as("polled, not triggered again").isZero();
        assertThat(files(done.location()).resolve("_metadata")).isRegularFile();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("platform-savepoints-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
