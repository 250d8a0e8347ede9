package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dry run that really checks, on the real app (random port, H2 in a file) and the real job JAR, LOCAL target:
 * a dry run needs no Flink cluster, and the reconciler is off, so an accepted spec stays just that. Flink's client
 * compiles the job graph in process (the file sink comes from the clusters' classpath); a main that throws is a
 * 400 on the dry run and still an accepted spec on a create; a restore whose savepoint is gone is refused; no dry
 * run creates or changes anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + DryRunTest.ADMIN_PASSWORD,
        "lab.platform.reconciler.enabled=false"})
class DryRunTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String DEPLOYMENTS = "/api/v1/namespaces/default/deployments";
    private static final Path DATA_DIR = tempDir();
    private static long artifactId;

    @Value("${local.server.port}")
    int port;
    @Autowired
    DeploymentRepository deployments;
    @Autowired
    DeploymentHistory history;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
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

    /** A LOCAL spec of the measurement job at parallelism 2 on one two-slot TaskManager. */
    private String spec(String name, String state, String restore, String... args) throws Exception {
        StringBuilder argList = new StringBuilder();
        for (String a : args) {
            argList.append(argList.isEmpty() ? "" : ",").append('"').append(a).append('"');
        }
        return """
                {"metadata": {"name": "%s"},
                 "spec": {"state": "%s", "upgradeStrategy": "STATELESS", "restoreStrategy": "%s",
                          "template": {"artifactId": %d, "entryClass": "%s", "programArgs": [%s], "parallelism": 2,
                                       "slotsPerTaskManager": 2,
                                       "resources": {"jobManager": {"memory": "1g"}, "taskManager": {"memory": "1280m"}}}}}
                """.formatted(name, state, restore, artifact(), SessionCluster.JOB_CLASS, argList);
    }

    private static void assertOneLine400(Api.Response r, String... fragments) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).doesNotContain("\n").contains(fragments);
    }

    /** Everything a dry run could touch: the deployments with their status, the savepoints, the audit log. */
    private String snapshot() throws Exception {
        Api api = admin();
        return api.get(DEPLOYMENTS).body() + api.get(DEPLOYMENTS + "/parked/savepoints").body()
                + api.get(DEPLOYMENTS + "/parked/jobs").body() + api.get("/api/v1/namespaces/default/events").body();
    }

    @Test
    @Order(1)
    void aDryRunCompilesTheJobGraphWithTheClustersConnectors() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Api.Response dry = admin().post(DEPLOYMENTS + "?dryRun=true", spec("compiled", "RUNNING", "NONE",
                "--rate", "10", "--sink", "file", "--output-dir", DATA_DIR.resolve("out").toString()));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        String plan = dry.json().get("plan").asString();
        assertThat(plan).startsWith("create; start the job at parallelism 2")
                .contains("Flink compiled the job graph: ", "Source: Measurements source", "Sink dead-letters: Writer", "highest parallelism 2");
        assertThat(admin().get(DEPLOYMENTS + "/compiled").status()).isEqualTo(404);
        assertThat(DATA_DIR.resolve("out")).as("compiling runs no job").doesNotExist();
        assertThat(System.out).as("Flink's client gave the JVM its stdout back").isSameAs(out);
        assertThat(System.err).isSameAs(err);
    }

    @Test
    @Order(2)
    void aMainThatThrowsIsRefusedOnADryRunAndStillAcceptedByACreate() throws Exception {
        Api api = admin();
        String badArgs = spec("badargs", "RUNNING", "NONE", "--no-such-option", "1");
        Api.Response dry = api.post(DEPLOYMENTS + "?dryRun=true", badArgs);
        assertOneLine400(dry, "--no-such-option");
        assertThat(dry.error()).startsWith("invalid field 'spec.template.programArgs': the entry class's main failed: "
                + "IllegalArgumentException: unknown argument '--no-such-option'");
        assertThat(api.get(DEPLOYMENTS + "/badargs").status()).as("a dry run creates nothing").isEqualTo(404);

        // an apply runs no user code in the platform: the spec is accepted, and fails at runtime (tested elsewhere)
        Api.Response created = api.post(DEPLOYMENTS, badArgs);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.delete(DEPLOYMENTS + "/badargs").status()).isEqualTo(204);
    }

    @Test
    @Order(4)
    void aMainThatCallsSystemExitIsRefusedAndThePlatformLivesOn() throws Exception {
        Api api = admin();
        Api.Response up = api.upload("/api/v1/namespaces/default/artifacts", "exits.jar", exitingJar());
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String exits = spec("exits", "RUNNING", "NONE").replace("\"artifactId\": " + artifact() + ",",
                "\"artifactId\": " + up.json().get("id").asLong() + ",").replace(SessionCluster.JOB_CLASS, "demo.Exits");
        assertThat(exits).contains("demo.Exits");
        assertOneLine400(api.post(DEPLOYMENTS + "?dryRun=true", exits), "spec.template.programArgs",
                "the entry class's main called System.exit");
        // without the guard this JVM (the platform's) would have ended with status 3 above
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get(DEPLOYMENTS + "/exits").status()).isEqualTo(404);
    }

    /** A JAR whose only class, demo.Exits, has a main that calls System.exit(3). */
    private static byte[] exitingJar() throws IOException {
        org.objectweb.asm.ClassWriter cw = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
        cw.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC | org.objectweb.asm.Opcodes.ACC_SUPER,
                "demo/Exits", null, "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor main = cw.visitMethod(org.objectweb.asm.Opcodes.ACC_PUBLIC
                | org.objectweb.asm.Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null, null);
        main.visitCode();
        main.visitInsn(org.objectweb.asm.Opcodes.ICONST_3);
        main.visitMethodInsn(org.objectweb.asm.Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        main.visitInsn(org.objectweb.asm.Opcodes.RETURN);
        main.visitMaxs(0, 0);
        main.visitEnd();
        cw.visitEnd();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(bytes)) {
            jar.putNextEntry(new java.util.jar.JarEntry("demo/Exits.class"));
            jar.write(cw.toByteArray());
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    @Order(3)
    void aRestoreWhoseSavepointIsGoneIsRefusedAndAnExistingOneIsNamed() throws Exception {
        Api api = admin();
        String[] args = {"--rate", "10", "--sink", "discard"};
        Api.Response created = api.post(DEPLOYMENTS, spec("parked", "SUSPENDED", "LATEST_SAVEPOINT", args));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Deployment parked = deployments.find("default", "parked").orElseThrow();
        String job = JobID.generate().toHexString();
        history.insertJob(parked.id(), job, parked.spec(), null);
        Path savepoints = Files.createDirectories(DATA_DIR.resolve("savepoints-of-test"));
        String gone = "file:" + savepoints.resolve("savepoint-gone");
        completedSavepoint(parked, job, gone);
        String before = snapshot();

        String resume = spec("parked", "RUNNING", "LATEST_SAVEPOINT", args);
        Api.Response put = api.put(DEPLOYMENTS + "/parked?dryRun=true", resume);
        assertOneLine400(put, "invalid field 'spec.restoreStrategy': the start would restore savepoint " + gone,
                gone + "/_metadata does not exist", "restoreStrategy NONE");
        assertOneLine400(api.patch(DEPLOYMENTS + "/parked?dryRun=true", "{\"spec\": {\"state\": \"RUNNING\"}}"),
                "spec.restoreStrategy", gone);
        Api.Response empty = api.put(DEPLOYMENTS + "/parked?dryRun=true", spec("parked", "RUNNING", "NONE", args));
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json().get("plan").asString()).contains("with empty state", "Flink compiled the job graph");

        assertThat(snapshot()).as("no dry run changed the deployment, its history or the audit log").isEqualTo(before);

        Path kept = Files.createDirectories(savepoints.resolve("savepoint-kept"));
        Files.writeString(kept.resolve("_metadata"), "a savepoint's metadata; its existence is what a dry run checks");
        completedSavepoint(parked, job, "file:" + kept);
        before = snapshot();
        Api.Response restores = api.put(DEPLOYMENTS + "/parked?dryRun=true", resume);
        assertThat(restores.status()).as(restores.body()).isEqualTo(200);
        assertThat(restores.json().get("plan").asString()).contains("would restore from savepoint file:" + kept,
                "Flink compiled the job graph");

        // LATEST_STATE: a newer retained checkpoint of the deployment's job wins, and the dry run records nothing of it
        Path checkpoint = Files.createDirectories(DATA_DIR.resolve("checkpoints/default/parked").resolve(job).resolve("chk-7"));
        Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "a retained checkpoint's metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));
        Api.Response latestState = api.put(DEPLOYMENTS + "/parked?dryRun=true", spec("parked", "RUNNING", "LATEST_STATE", args));
        assertThat(latestState.status()).as(latestState.body()).isEqualTo(200);
        assertThat(latestState.json().get("plan").asString()).contains("would restore from retained checkpoint ", "chk-7");

        assertThat(snapshot()).as("no dry run changed the deployment, its history or the audit log").isEqualTo(before);
        assertThat(api.get(DEPLOYMENTS + "/parked").json().at("/spec/state").asString()).isEqualTo("SUSPENDED");
    }

    private void completedSavepoint(Deployment d, String job, String location) {
        Savepoint row = history.insertSavepoint(d.id(), job, Savepoint.Origin.SUSPEND, new TriggerId().toHexString());
        history.savepointCompleted(row.id(), location);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-platform")), "dry-run-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
