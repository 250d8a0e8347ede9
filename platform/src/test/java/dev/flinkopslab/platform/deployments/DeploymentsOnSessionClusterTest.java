package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * runs, the CRUD and its roles.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + DeploymentsOnSessionClusterTest.ADMIN_PASSWORD})
class DeploymentsOnSessionClusterTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String DEPLOYMENTS = "/api/v1/namespaces/default/deployments";
    private static final Path DATA_DIR = tempDir();
    private static SessionCluster cluster;
    private static long artifactId;

    @Value("${local.server.port}")
    int port;

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

        assertThat(api.get(DEPLOYMENTS + "/bad").status()).isEqualTo(404);
        assertThat(api.get(DEPLOYMENTS).json().size()).isZero();
    }

    @Test
    @Order(2)
    void dryRunSaysWhatAnApplyWouldDoAndChangesNothing() throws Exception {
        Api api = admin();
        Api.Response dry = api.post(DEPLOYMENTS + "?dryRun=true", measurement("dry", "RUNNING", 2));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("plan").asString()).isEqualTo("create; start the job at parallelism 2 from the newest savepoint, if there is one");
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

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("platform-deployments-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
