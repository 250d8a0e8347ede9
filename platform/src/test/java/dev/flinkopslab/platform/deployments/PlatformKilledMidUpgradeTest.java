package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.ops.OwnProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The platform as its own process, killed with {@code kill -9} in the middle of a STATEFUL upgrade: after the
 * savepoint completed and the new job's intent was persisted, while the new job's cluster is being started. A
 * second platform process on the same data dir must end the deployment RUNNING on the new spec, restored from
 * that savepoint, with exactly one job in Flink — the one whose id the first process had persisted.
 */
@Tag("slow")
class PlatformKilledMidUpgradeTest {
    private static final String PASSWORD = "admin-password-for-tests";
    private static final String DEPLOYMENTS = "/api/v1/namespaces/default/deployments";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path dataDir;
    private final List<Process> platforms = new ArrayList<>();
    private int port;

    @Test
    void aPlatformKilledAfterTheSavepointAndBeforeTheNewJobRunsFinishesTheUpgradeWithOneJob() throws Exception {
        Process first = startPlatform();
        Api api = new Api(port, "admin", PASSWORD);
        Api.Response jar = api.upload("/api/v1/namespaces/default/artifacts", "flink-ops-lab-job.jar",
                Files.readAllBytes(SessionCluster.jobJar()));
        assertThat(jar.status()).as(jar.body()).isEqualTo(201);
        String spec = """
                {"metadata": {"name": "upgraded"},
                 "spec": {"state": "RUNNING", "upgradeStrategy": "STATEFUL", "restoreStrategy": "LATEST_SAVEPOINT",
                          "template": {"artifactId": %d, "entryClass": "%s", "parallelism": 1,
                                       "programArgs": ["--rate", "500", "--sink", "discard", "--job-name", "upgraded"],
                                       "resources": {"taskManager": {"memory": "1280m"}}}}}
                """.formatted(jar.json().get("id").asLong(), SessionCluster.JOB_CLASS);
        assertThat(api.post(DEPLOYMENTS, spec).status()).isEqualTo(201);
        String oldJob = await(api, d -> d.at("/status/state").asString().equals("RUNNING") && d.at("/status/intent").isNull())
                .at("/status/jobId").asString();

        Api.Response patched = api.patch(DEPLOYMENTS + "/upgraded", "{\"spec\": {\"template\": {\"parallelism\": 2}}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        // The savepoint is done and the new job's id is persisted: the platform is starting its cluster now.
        JsonNode starting = await(api, d -> d.at("/status/intent/step").asString("").equals("STARTING")
                && !d.at("/status/intent/restorePath").isNull());
        first.destroyForcibly();
        first.waitFor();
        String newJob = starting.at("/status/intent/jobId").asString();
        String savepoint = starting.at("/status/intent/restorePath").asString();

        startPlatform();
        JsonNode done = await(api, d -> d.at("/status/state").asString().equals("RUNNING") && d.at("/status/intent").isNull());
        assertThat(done.at("/status/jobId").asString()).as("the persisted job id, adopted or submitted once").isEqualTo(newJob);
        assertThat(done.at("/status/lastReconciledSpec/template/parallelism").asInt()).isEqualTo(2);
        JsonNode jobs = api.get(DEPLOYMENTS + "/upgraded/jobs").json();
        assertThat(jobs.size()).as(jobs.toString()).isEqualTo(2);
        assertThat(jobs.get(0).get("flinkJobId").asString()).isEqualTo(newJob);
        assertThat(jobs.get(0).get("restoredFrom").asString()).isEqualTo(savepoint);
        assertThat(jobs.get(1).get("finalState").asString()).isEqualTo("FINISHED");
        assertThat(api.get(DEPLOYMENTS + "/upgraded/savepoints").json()).singleElement()
                .satisfies(sp -> assertThat(sp.get("location").asString()).isEqualTo(savepoint));

        // Exactly one job in Flink: the old job's cluster is stopped, the new one runs only the new job.
        awaitCondition(() -> aliveProcesses(oldJob) == 0, "the old job's cluster is stopped");
        FlinkJobs flink = new FlinkJobs(clusterRestUrl(newJob));
        assertThat(flink.overview()).singleElement().satisfies(j -> {
            assertThat(j.getJobId().toHexString()).isEqualTo(newJob);
            assertThat(j.getStatus()).isEqualTo(JobStatus.RUNNING);
        });
        assertThat(clusterDirs()).allMatch(dir -> dir.equals(newJob) || aliveProcesses(dir) == 0);

        Api.Response cancel = api.patch(DEPLOYMENTS + "/upgraded", "{\"spec\": {\"state\": \"CANCELLED\"}}");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        await(api, d -> d.at("/status/state").asString().equals("CANCELLED"));
        awaitCondition(() -> aliveProcesses(newJob) == 0, "the new job's cluster is stopped after the cancel");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process p : platforms) {
            p.destroyForcibly().waitFor();
        }
        for (String job : clusterDirs()) {
            try (Stream<Path> pids = listPids(job)) {
                pids.forEach(f -> OwnProcesses.fromPidFile(f, clusterDir(job).resolve("conf").toAbsolutePath().toString())
                        .ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    /** The platform as 'lab platform start' runs it (target/classes and its runtime classpath), on the shared data dir. */
    private Process startPlatform() throws Exception {
        if (port == 0) {
            port = OwnProcesses.freePort();
        }
        String classpathFile = System.getProperty("lab.cluster.classpath", "../runtimes/flink-cluster/target/flink-cluster.classpath");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", Path.of("target/classes").toAbsolutePath() + ":" + OwnProcesses.classpath(Path.of("target/platform.classpath")),
                "dev.flinkopslab.platform.PlatformApplication",
                "--port=" + port, "--data-dir=" + dataDir, "--flink-classpath=" + Path.of(classpathFile).toAbsolutePath(),
                "--lab.platform.reconciler.interval-ms=1000", "--spring.output.ansi.enabled=never")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("platform.out").toFile()));
        pb.environment().put("LAB_PLATFORM_ADMIN_PASSWORD", PASSWORD);
        Process p = pb.start();
        platforms.add(p);
        Api api = new Api(port, "admin", PASSWORD);
        awaitCondition(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("the platform exited; see " + dataDir.resolve("platform.out"));
            }
            try {
                return api.get("/actuator/health").status() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        }, "the platform answers /actuator/health");
        return p;
    }

    private JsonNode await(Api api, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode d = null;
        while (System.nanoTime() < deadline) {
            d = api.get(DEPLOYMENTS + "/upgraded").json();
            if (condition.test(d)) {
                return d;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + TIMEOUT.toSeconds() + " s: " + d + "\nevents: "
                + api.get(DEPLOYMENTS + "/upgraded/events").body());
    }

    private Path clusterDir(String job) {
        return dataDir.resolve("clusters").resolve(job);
    }

    private String clusterRestUrl(String job) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var r = Files.newBufferedReader(clusterDir(job).resolve("cluster.properties"))) {
            p.load(r);
        }
        return "http://localhost:" + p.getProperty("restPort");
    }

    private List<String> clusterDirs() throws IOException {
        Path root = dataDir.resolve("clusters");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.getFileName().toString()).toList();
        }
    }

    private Stream<Path> listPids(String job) throws IOException {
        Path pids = clusterDir(job).resolve("pids");
        return Files.isDirectory(pids) ? Files.list(pids) : Stream.empty();
    }

    private long aliveProcesses(String job) {
        try (Stream<Path> pids = listPids(job)) {
            String marker = clusterDir(job).resolve("conf").toAbsolutePath().toString();
            return pids.filter(f -> OwnProcesses.fromPidFile(f, marker).isPresent()).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT.toSeconds() + " s: " + what);
            }
            Thread.sleep(250);
        }
    }
}
