package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform commands against the real platform: its own JVM started as {@code lab platform start} starts it
 * ({@link PlatformProcess}: free port, temp data dir, H2), driven in process through {@link Lab#run} as a user
 * would, in order: login, upload, lists in each format, apply (dry run, create, replace), patch, suspend,
 * events, delete, logout; and each bad input's one line. No Flink runs: the deployments stay SUSPENDED or
 * CANCELLED, which the platform validates without a cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabPlatformClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static Path work;
    private static Path loginFile;
    private static PlatformProcess platform;
    private static long pid;
    private static String url;
    private static String adminPassword;
    private static InputStream stdin;
    private static byte[] jar;
    private static long artifactId;

    @BeforeAll
    static void startThePlatform() throws Exception {
        for (String v : List.of("LAB_PLATFORM_TOKEN", "LAB_PLATFORM_URL", "LAB_PLATFORM_PASSWORD")) {
            Assumptions.assumeTrue(System.getenv(v) == null, v + " is set in this environment and would override the test's login");
        }
        work = Files.createTempDirectory("lab-platform-client-test");
        loginFile = work.resolve("home/.lab/platform-cli.json");
        System.setProperty("lab.platform.cli", loginFile.toString());
        stdin = System.in;
        int port = EmbeddedFlink.freePort();
        platform = new PlatformProcess(OpsSupport.labHome(), work.resolve("platform"));
        PlatformProcess.Started started = platform.start(new PlatformProcess.Options(platform.dataDir(), port, null, null, null, null), line -> {});
        pid = started.pid();
        url = started.url();
        adminPassword = started.generatedAdminPassword().orElseGet(() -> System.getenv("LAB_PLATFORM_ADMIN_PASSWORD"));
        assertThat(adminPassword).as("the first start generated the admin's password").isNotBlank();
    }

    @AfterAll
    static void stopThePlatform() {
        System.clearProperty("lab.platform.cli");
        if (stdin != null) {
            System.setIn(stdin);
        }
        if (platform != null) {
            assertThat(platform.stop()).contains(pid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the platform process is gone").isFalse();
        }
    }

    private static LabRun lab(String... args) {
        return LabRun.of(args);
    }

    private static LabRun loginWith(String password, String... more) {
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        String[] args = new String[3 + more.length];
        args[0] = "platform";
        args[1] = "login";
        args[2] = "--url=" + url;
        System.arraycopy(more, 0, args, 3, more.length);
        return lab(args);
    }

    /** The one stderr line of a failed command, with its exit code checked. */
    private static String oneLine(LabRun r, int exitCode) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exitCode);
        assertThat(r.errLines()).as("one line, no stack trace").hasSize(1);
        return r.errLines().get(0);
    }

    private static JsonNode json(LabRun r) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static JsonNode yaml(LabRun r) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return YAML.readTree(r.out());
    }

    @Test
    @Order(1)
    void withoutALoginTheCommandsSayHowToLogIn() {
        assertThat(oneLine(lab("platform", "deployments", "list"), ExitCodes.FAILURE))
                .isEqualTo("lab platform deployments list: not logged in to the platform (no " + loginFile
                        + ", no LAB_PLATFORM_TOKEN); run './lab platform login'");
        assertThat(oneLine(loginWith("not-the-password"), ExitCodes.FAILURE))
                .isEqualTo("lab platform login: error: wrong username or password");
        assertThat(oneLine(loginWith(""), ExitCodes.FAILURE)).contains("no password for admin", "LAB_PLATFORM_PASSWORD");
        assertThat(oneLine(lab("platform", "login", "--url", "localhost:8080"), ExitCodes.USAGE))
                .contains("--url must be an http(s) URL like http://localhost:8080, not 'localhost:8080'");
        assertThat(loginFile).as("no failed login writes the file").doesNotExist();
    }

    @Test
    @Order(2)
    void loginStoresATokenOnlyItsOwnerCanRead() throws Exception {
        LabRun login = loginWith(adminPassword);
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out().strip()).matches("lab platform: logged in to " + Pattern.quote(url)
                + " as admin; API token \\d+ stored in " + Pattern.quote(loginFile.toString()) + " \\(mode 600\\)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loginFile))).isEqualTo("rw-------");
        JsonNode stored = JSON.readTree(loginFile.toFile());
        assertThat(stored.get("url").asText()).isEqualTo(url);
        assertThat(stored.get("token").asText()).startsWith("lab_");
        assertThat(stored.toString()).doesNotContain(adminPassword);

        // a second login replaces the token and revokes the one it replaces
        long first = stored.get("tokenId").asLong();
        LabRun again = loginWith(adminPassword);
        assertThat(again.out()).contains("revoked the previous token " + first);
        assertThat(JSON.readTree(loginFile.toFile()).get("tokenId").asLong()).isNotEqualTo(first);
    }

    @Test
    @Order(3)
    void anUploadedJarIsListedInEachFormat() throws Exception {
        jar = jobJar();
        Path file = work.resolve("tiny-job.jar");
        Files.write(file, jar);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));

        LabRun upload = lab("platform", "artifacts", "upload", file.toString());
        assertThat(upload.exitCode()).as(upload.err()).isZero();
        Matcher id = Pattern.compile("^artifact (\\d+) uploaded: tiny-job.jar, (.+), sha256 (\\w+)$").matcher(upload.out().strip());
        assertThat(id.matches()).as(upload.out()).isTrue();
        assertThat(id.group(3)).isEqualTo(sha.substring(0, 12));
        artifactId = Long.parseLong(id.group(1));

        LabRun table = lab("platform", "artifacts", "list");
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ID").contains("NAME", "SIZE", "SHA256", "UPLOADED");
        String row = lines.stream().filter(l -> l.contains("tiny-job.jar")).findFirst().orElseThrow();
        assertThat(row).startsWith(Long.toString(artifactId)).contains(sha.substring(0, 12), PlatformOutput.size(jar.length), "admin")
                .doesNotContain(sha.substring(0, 13));
        assertThat(row.indexOf("tiny-job.jar")).as("aligned columns").isEqualTo(lines.get(0).indexOf("NAME"));
        assertThat(row.indexOf(sha.substring(0, 12))).isEqualTo(lines.get(0).indexOf("SHA256"));

        for (JsonNode list : List.of(json(lab("platform", "artifacts", "list", "-o", "json")),
                yaml(lab("platform", "artifacts", "list", "--output=yaml")))) {
            assertThat(list.isArray()).isTrue();
            JsonNode a = list.get(0);
            assertThat(a.get("id").asLong()).isEqualTo(artifactId);
            assertThat(a.get("fileName").asText()).isEqualTo("tiny-job.jar");
            assertThat(a.get("sizeBytes").asLong()).isEqualTo(jar.length);
            assertThat(a.get("sha256").asText()).isEqualTo(sha);
            assertThat(a.get("namespace").asText()).isEqualTo("default");
        }
        assertThat(json(lab("platform", "artifacts", "get", Long.toString(artifactId), "-o", "json")).get("sha256").asText()).isEqualTo(sha);

        assertThat(oneLine(lab("platform", "artifacts", "list", "-o", "xml"), ExitCodes.USAGE))
                .isEqualTo("lab platform artifacts list: -o must be table, json or yaml, not 'xml'. See 'lab platform artifacts list --help'.");
        assertThat(oneLine(lab("platform", "artifacts", "upload", work.resolve("missing.jar").toString()), ExitCodes.USAGE))
                .contains("no file " + work.resolve("missing.jar"));
        assertThat(oneLine(lab("platform", "artifacts", "get", "abc"), ExitCodes.USAGE)).contains("'abc' is not a long");
        assertThat(oneLine(lab("platform", "artifacts", "get", "999999"), ExitCodes.FAILURE)).startsWith("lab platform artifacts get: error: ");
        assertThat(oneLine(lab("platform", "artifacts", "list", "-n", "nowhere"), ExitCodes.FAILURE))
                .isEqualTo("lab platform artifacts list: error: no namespace 'nowhere'; the platform has 'default'");
        Path notAJar = Files.writeString(work.resolve("notes.jar"), "just text");
        assertThat(oneLine(lab("platform", "artifacts", "upload", notAJar.toString()), ExitCodes.FAILURE))
                .startsWith("lab platform artifacts upload: error: the upload is not a valid JAR");
    }

    private Path deploymentFile(String name, String state, int parallelism, String restUrl) throws IOException {
        return Files.writeString(work.resolve(name + ".yaml"), """
                metadata:
                  name: %s
                  labels: {team: lab}
                spec:
                  state: %s
                  template:
                    artifactId: %d
                    entryClass: dev.flinkopslab.cli.Lab
                    programArgs: ["--rate", "500"]
                    parallelism: %d
                  target: {type: SESSION, restUrl: "%s"}
                """.formatted(name, state, artifactId, parallelism, restUrl));
    }

    @Test
    @Order(4)
    void applyCreatesOrReplacesAndADryRunChangesNothing() throws Exception {
        String nowhere = "http://127.0.0.1:" + EmbeddedFlink.freePort(); // no Flink listens here
        Path orders = deploymentFile("orders", "SUSPENDED", 1, nowhere);

        LabRun dry = lab("platform", "deployments", "apply", "-f", orders.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out().strip()).isEqualTo("deployment 'orders' (dry run, nothing changed): create; no job is started (state SUSPENDED)");
        assertThat(lab("platform", "deployments", "list").out().strip())
                .isEqualTo("no deployments in namespace 'default'; create one with 'lab platform deployments apply -f FILE.yaml'");
        JsonNode dryJson = json(lab("platform", "deployments", "apply", "-f", orders.toString(), "--dry-run", "-o", "json"));
        assertThat(dryJson.get("dryRun").asBoolean()).isTrue();

        LabRun created = lab("platform", "deployments", "apply", "-f", orders.toString());
        assertThat(created.out().strip()).as(created.err())
                .isEqualTo("deployment 'orders' created in namespace 'default': generation 1, spec.state SUSPENDED");
        LabRun replaced = lab("platform", "deployments", "apply", "-f", deploymentFile("orders", "SUSPENDED", 2, nowhere).toString());
        assertThat(replaced.out().strip()).as(replaced.err())
                .isEqualTo("deployment 'orders' replaced in namespace 'default': generation 2, spec.state SUSPENDED");

        // what 'get -o yaml' prints, status and all, applies back
        LabRun get = lab("platform", "deployments", "get", "orders", "-o", "yaml");
        JsonNode d = yaml(get);
        assertThat(d.at("/metadata/labels/team").asText()).isEqualTo("lab");
        assertThat(d.at("/spec/template/parallelism").asInt()).isEqualTo(2);
        assertThat(d.at("/spec/template/programArgs/1").isTextual()).as("\"500\" stays text").isTrue();
        Path roundTrip = Files.writeString(work.resolve("orders-back.yaml"), get.out());
        assertThat(lab("platform", "deployments", "apply", "-f", roundTrip.toString()).out()).contains("replaced", "generation 3");

        // RUNNING asks the target for its slots: with nothing there, the platform says so and nothing changes
        LabRun running = lab("platform", "deployments", "apply", "-f", deploymentFile("orders", "RUNNING", 2, nowhere).toString(), "--dry-run");
        assertThat(oneLine(running, ExitCodes.FAILURE)).startsWith("lab platform deployments apply: error: invalid field 'spec.target.restUrl': "
                + "no Flink session cluster answers at " + nowhere);

        Files.writeString(work.resolve("broken.yaml"), "metadata: {name: x\n  spec: [");
        assertThat(oneLine(lab("platform", "deployments", "apply", "-f", work.resolve("broken.yaml").toString()), ExitCodes.USAGE))
                .contains("broken.yaml is not valid YAML at line 2");
        Files.writeString(work.resolve("nameless.yaml"), "spec: {state: RUNNING}\n");
        assertThat(oneLine(lab("platform", "deployments", "apply", "-f", work.resolve("nameless.yaml").toString()), ExitCodes.USAGE))
                .contains("nameless.yaml has no metadata.name");
        assertThat(oneLine(lab("platform", "deployments", "apply", "-f", roundTrip.toString(), "-n", "other"), ExitCodes.USAGE))
                .contains("is for namespace 'default', and -n says 'other'");
        assertThat(oneLine(lab("platform", "deployments", "apply"), ExitCodes.USAGE)).contains("Missing required option: '--file=<file>'");

        List<String> table = lab("platform", "deployments", "list").out().lines().toList();
        assertThat(table.get(0)).startsWith("NAME").contains("STATE (DESIRED/OBSERVED)", "JOB", "PARALLELISM", "UPGRADE", "RESTORE", "UPDATED");
        assertThat(table.get(1)).startsWith("orders").contains("SUSPENDED/", "STATEFUL", "LATEST_SAVEPOINT");
        assertThat(table.get(1).indexOf("STATEFUL")).isEqualTo(table.get(0).indexOf("UPGRADE"));
    }

    @Test
    @Order(5)
    void patchSetsFieldsAndSuspendResumeCancelPatchTheState() throws Exception {
        LabRun patched = lab("platform", "deployments", "patch", "orders", "--set", "spec.template.parallelism=3",
                "--set", "metadata.labels.tier=gold", "--set", "spec.upgradeStrategy=STATELESS");
        assertThat(patched.out().strip()).as(patched.err()).isEqualTo("deployment 'orders' patched: generation 4, spec.state SUSPENDED, parallelism 3");
        JsonNode d = json(lab("platform", "deployments", "get", "orders", "-o", "json"));
        assertThat(d.at("/spec/template/parallelism").asInt()).isEqualTo(3);
        assertThat(d.at("/spec/template/programArgs").toString()).as("what --set does not name stays").isEqualTo("[\"--rate\",\"500\"]");
        assertThat(d.at("/metadata/labels/team").asText()).isEqualTo("lab");
        assertThat(d.at("/metadata/labels/tier").asText()).isEqualTo("gold");
        assertThat(d.at("/spec/upgradeStrategy").asText()).isEqualTo("STATELESS");

        LabRun removed = lab("platform", "deployments", "patch", "orders", "--set", "spec.upgradeStrategy=null",
                "--set", "spec.template.programArgs=[\"--rate\",\"900\"]", "-o", "yaml");
        JsonNode r = yaml(removed);
        assertThat(r.at("/spec/upgradeStrategy").asText()).as("null: the default again").isEqualTo("STATEFUL");
        assertThat(r.at("/spec/template/programArgs/1").asText()).isEqualTo("900");

        LabRun dry = lab("platform", "deployments", "patch", "orders", "--set", "spec.template.parallelism=4", "--dry-run");
        assertThat(dry.out()).as(dry.err()).startsWith("deployment 'orders' (dry run, nothing changed): ");
        assertThat(json(lab("platform", "deployments", "get", "orders", "-o", "json")).at("/spec/template/parallelism").asInt()).isEqualTo(3);

        assertThat(oneLine(lab("platform", "deployments", "patch", "orders", "--set", "spec.template.parallelism"), ExitCodes.USAGE))
                .isEqualTo("lab platform deployments patch: --set takes <path>=<value>, e.g. --set spec.template.parallelism=2,"
                        + " not 'spec.template.parallelism'. See 'lab platform deployments patch --help'.");
        assertThat(oneLine(lab("platform", "deployments", "patch", "orders", "--set", "spec..state=RUNNING"), ExitCodes.USAGE))
                .contains("has an empty part");
        assertThat(oneLine(lab("platform", "deployments", "patch", "orders", "--set", "status.state=RUNNING"), ExitCodes.USAGE))
                .contains("a patch changes metadata.* or spec.*, not 'status'");
        assertThat(oneLine(lab("platform", "deployments", "patch", "orders", "--set", "spec.template=1",
                "--set", "spec.template.parallelism=2"), ExitCodes.USAGE)).contains("overlaps an earlier --set of 'spec.template'");
        assertThat(oneLine(lab("platform", "deployments", "patch", "orders", "--set", "spec.state="), ExitCodes.USAGE))
                .contains("has no value");
        assertThat(oneLine(lab("platform", "deployments", "patch", "orders", "--set", "spec.state=PAUSED"), ExitCodes.FAILURE))
                .isEqualTo("lab platform deployments patch: error: invalid value 'PAUSED' for 'spec.state'; one of [RUNNING, SUSPENDED, CANCELLED]");
        assertThat(oneLine(lab("platform", "deployments", "patch", "orders", "--set", "spec.template.paralelism=2"), ExitCodes.FAILURE))
                .startsWith("lab platform deployments patch: error: unknown field 'spec.template.paralelism'");
        assertThat(oneLine(lab("platform", "deployments", "patch", "nope", "--set", "spec.state=SUSPENDED"), ExitCodes.FAILURE))
                .startsWith("lab platform deployments patch: error: no deployment 'nope' in namespace 'default'");

        // resume asks the cluster, which is not there; cancel and suspend need none
        assertThat(oneLine(lab("platform", "deployments", "resume", "orders"), ExitCodes.FAILURE))
                .contains("error: invalid field 'spec.target.restUrl': no Flink session cluster answers at");
        LabRun cancel = lab("platform", "deployments", "cancel", "orders");
        assertThat(cancel.out()).as(cancel.err()).startsWith("deployment 'orders': spec.state CANCELLED (generation ");
        LabRun suspend = lab("platform", "deployments", "suspend", "orders");
        assertThat(suspend.out()).as(suspend.err()).startsWith("deployment 'orders': spec.state SUSPENDED (generation ")
                .contains("the reconciler stops the job with a savepoint");
        assertThat(json(lab("platform", "deployments", "get", "orders", "-o", "json")).at("/spec/state").asText()).isEqualTo("SUSPENDED");
        assertThat(lab("platform", "deployments", "get", "orders").out().lines().toList().get(1)).startsWith("orders").contains("SUSPENDED/");
    }

    @Test
    @Order(6)
    void eventsSayWhoChangedWhatAndWhatTheReconcilerDid() throws Exception {
        LabRun audit = lab("platform", "events");
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        assertThat(audit.out().lines().findFirst().orElseThrow()).startsWith("TIME").contains("ACTOR", "ACTION", "RESOURCE", "DETAIL");
        assertThat(audit.out()).contains("deployment.created", "deployment.replaced", "deployment.patched", "artifact.uploaded");
        JsonNode newest = json(lab("platform", "events", "-o", "json")).get(0);
        assertThat(newest.get("action").asText()).isEqualTo("deployment.patched");
        assertThat(newest.get("actor").asText()).isEqualTo("admin");

        // the reconciler records the deployment's state changes on its own time (a round every 2 s)
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode events = json(lab("platform", "events", "orders", "-o", "json"));
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            events = json(lab("platform", "events", "orders", "-o", "json"));
        }
        assertThat(events.get(0).get("type").asText()).isEqualTo("STATE_CHANGED");
        assertThat(lab("platform", "events", "orders").out()).startsWith("TIME").contains("STATE_CHANGED");
        assertThat(lab("platform", "deployments", "jobs", "orders").out().strip()).isEqualTo("deployment 'orders' has had no job yet");
        assertThat(json(lab("platform", "deployments", "jobs", "orders", "-o", "json")).isEmpty()).isTrue();
        assertThat(lab("platform", "savepoints", "list", "orders").out().strip()).isEqualTo("deployment 'orders' has no savepoints yet");
        assertThat(oneLine(lab("platform", "events", "nope"), ExitCodes.FAILURE)).startsWith("lab platform events: error: no deployment 'nope'");
    }

    @Test
    @Order(7)
    void deleteRefusesAnArtifactInUseThenDeletesBoth() {
        assertThat(oneLine(lab("platform", "artifacts", "delete", Long.toString(artifactId)), ExitCodes.FAILURE))
                .startsWith("lab platform artifacts delete: error: artifact " + artifactId + " is used by deployment(s) orders");
        assertThat(lab("platform", "deployments", "delete", "orders").out().strip()).isEqualTo("deployment 'orders' deleted from namespace 'default'");
        assertThat(oneLine(lab("platform", "deployments", "get", "orders"), ExitCodes.FAILURE))
                .startsWith("lab platform deployments get: error: no deployment 'orders' in namespace 'default'");
        assertThat(lab("platform", "artifacts", "delete", Long.toString(artifactId)).out().strip()).isEqualTo("artifact " + artifactId + " deleted");
        assertThat(lab("platform", "artifacts", "list").out()).startsWith("no artifacts in namespace 'default'");
    }

    @Test
    @Order(8)
    void logoutRevokesTheTokenAndARevokedTokenGetsOneLine() throws Exception {
        byte[] stored = Files.readAllBytes(loginFile);
        long tokenId = JSON.readTree(stored).get("tokenId").asLong();
        LabRun logout = lab("platform", "logout");
        assertThat(logout.out().strip()).as(logout.err())
                .isEqualTo("lab platform: logged out of " + url + ": token " + tokenId + " revoked, " + loginFile + " deleted");
        assertThat(loginFile).doesNotExist();
        assertThat(lab("platform", "logout").out().strip()).isEqualTo("lab platform: not logged in (no " + loginFile + ")");

        Files.write(loginFile, stored); // the revoked token, as a copy of the file would still hold it
        assertThat(oneLine(lab("platform", "deployments", "list"), ExitCodes.FAILURE))
                .isEqualTo("lab platform deployments list: error: the platform at " + url + " refused the token in " + loginFile
                        + " (unknown or revoked); run './lab platform login' for a new one");
        assertThat(lab("platform", "logout").out()).contains("token " + tokenId + " was already revoked or unknown");
        assertThat(loginFile).doesNotExist();
    }

    @Test
    @Order(9)
    void aPlatformThatDoesNotAnswerIsNamedWithHowToStartIt() throws Exception {
        String dead = "http://127.0.0.1:" + EmbeddedFlink.freePort();
        Files.writeString(loginFile, "{\"url\":\"" + dead + "\",\"user\":\"admin\",\"tokenId\":1,\"token\":\"lab_x\"}");
        assertThat(oneLine(lab("platform", "artifacts", "list"), ExitCodes.FAILURE))
                .isEqualTo("lab platform artifacts list: the platform does not answer at " + dead
                        + "; start it with './lab platform start' (or log in to another with './lab platform login --url <url>')");
        assertThat(oneLine(lab("platform", "logout"), ExitCodes.FAILURE)).contains("token 1 is not revoked", "is kept");
        assertThat(loginFile).as("kept: the token may still be live").exists();
        Files.writeString(loginFile, "not json");
        assertThat(oneLine(lab("platform", "deployments", "list"), ExitCodes.FAILURE))
                .isEqualTo("lab platform deployments list: " + loginFile + " is not valid JSON; delete it and run './lab platform login'");
        Files.delete(loginFile);
    }

    /** A JAR the platform accepts: a manifest and a real class file with a public static main (this module's Lab). */
    private static byte[] jobJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Lab.class.getName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest);
             InputStream classFile = Lab.class.getResourceAsStream("Lab.class")) {
            out.putNextEntry(new JarEntry(Lab.class.getName().replace('.', '/') + ".class"));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
