package dev.flinkopslab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The API over real HTTP on a random port, with the real security chain, H2 in a file and artifacts on disk:
 * who may do what, what each wrong request gets (a 4xx and one line), and the artifacts' life.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + PlatformApiTest.ADMIN_PASSWORD,
        "spring.servlet.multipart.max-file-size=5MB",
        "spring.servlet.multipart.max-request-size=5MB"})
class PlatformApiTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final Path DATA_DIR = createDataDir();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("platform-api-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String error() {
            return json().get("error").asString();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private String token(String user, String password) throws Exception {
        Response r = send(request("/api/v1/tokens").header("Authorization", basic(user, password))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"test\"}")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asString();
    }

    private Response postJson(String path, String auth, String json) throws Exception {
        return send(request(path).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response patch(String path, String auth, String contentType, String json) throws Exception {
        return send(request(path).header("Authorization", auth).header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response get(String path, String auth) throws Exception {
        return send(request(path).header("Authorization", auth).GET());
    }

    private Response upload(String auth, String fileName, byte[] content) throws Exception {
        String boundary = "----lab" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/api/v1/namespaces/default/artifacts").header("Authorization", auth)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private String createUser(String username, String role) throws Exception {
        String password = username + "-password-123";
        Response r = postJson("/api/v1/users", basic("admin", ADMIN_PASSWORD),
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":{\"default\":\"" + role + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return password;
    }

    @Test
    void healthAnswersWithoutLoginAndEverythingElseNeedsIt() throws Exception {
        Response health = send(request("/actuator/health"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        for (String path : List.of("/api/v1/me", "/api/v1/tokens", "/api/v1/namespaces/default/artifacts", "/v3/api-docs",
                "/actuator/prometheus")) {
            Response r = send(request(path));
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.error()).startsWith("authentication required:").contains("Bearer");
        }
        String admin = basic("admin", ADMIN_PASSWORD);
        Response docs = get("/v3/api-docs", admin);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/namespaces/{ns}/artifacts")).isTrue();
        assertThat(get("/actuator/prometheus", admin).body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() throws Exception {
        Response wrongPassword = get("/api/v1/me", basic("admin", "not-the-password"));
        Response unknownUser = get("/api/v1/me", basic("nobody", "not-the-password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body()).isEqualTo("{\"error\":\"wrong username or password\"}");
    }

    @Test
    void tokensAreShownOnceWorkAsBearerAndAreRefusedOnceRevoked() throws Exception {
        String token = token("admin", ADMIN_PASSWORD);
        assertThat(token).startsWith("lab_").hasSizeGreaterThan(40);
        Response me = get("/api/v1/me", bearer(token));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("admin");
        assertThat(me.raw().headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();

        Response list = get("/api/v1/tokens", bearer(token));
        assertThat(list.body()).doesNotContain(token).contains("\"name\":\"test\"");
        long id = -1;
        for (JsonNode t : list.json()) {
            id = Math.max(id, t.get("id").asLong());
        }
        Response revoke = send(request("/api/v1/tokens/" + id).header("Authorization", bearer(token)).DELETE());
        assertThat(revoke.status()).isEqualTo(204);

        Response revoked = get("/api/v1/me", bearer(token));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.error()).contains("unknown or revoked");
        assertThat(get("/api/v1/me", bearer("lab_madeup")).status()).isEqualTo(401);
        assertThat(get("/api/v1/events", basic("admin", ADMIN_PASSWORD)).body()).contains("token.created", "token.revoked");
    }

    @Test
    void aViewerReadsButChangesNothing() throws Exception {
        String viewer = basic("vera", createUser("vera", "VIEWER"));
        assertThat(get("/api/v1/namespaces/default/artifacts", viewer).status()).isEqualTo(200);
        assertThat(get("/api/v1/namespaces/default/events", viewer).status()).isEqualTo(200);

        Response upload = upload(bearer(token("vera", "vera-password-123")), "job.jar", TestJars.jobJar(0));
        assertThat(upload.status()).isEqualTo(403);
        assertThat(upload.error()).isEqualTo("user 'vera' is VIEWER in namespace 'default', and this needs EDITOR; an admin can grant it");
        Response users = postJson("/api/v1/users", viewer, "{\"username\":\"mallory\",\"password\":\"mallory-password\",\"roles\":{\"default\":\"ADMIN\"}}");
        assertThat(users.status()).isEqualTo(403);
        assertThat(users.error()).startsWith("managing users needs ADMIN");
        assertThat(get("/api/v1/namespaces/other/artifacts", viewer).status()).isEqualTo(404);
    }

    @Test
    void validationNamesTheField() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        Response shortPassword = postJson("/api/v1/users", admin, "{\"username\":\"pete\",\"password\":\"short\",\"roles\":{\"default\":\"VIEWER\"}}");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.error()).isEqualTo("invalid field 'password': must be 12 to 200 characters");
        Response badRole = postJson("/api/v1/users", admin, "{\"username\":\"pete\",\"password\":\"long-enough-pw\",\"roles\":{\"default\":\"ROOT\"}}");
        assertThat(badRole.status()).isEqualTo(400);
        Response badNamespace = postJson("/api/v1/users", admin, "{\"username\":\"pete\",\"password\":\"long-enough-pw\",\"roles\":{\"nowhere\":\"VIEWER\"}}");
        assertThat(badNamespace.status()).isEqualTo(400);
        assertThat(badNamespace.error()).isEqualTo("invalid field 'roles': no namespace 'nowhere'");
        assertThat(get("/api/v1/users", admin).body()).as("nothing half-created").doesNotContain("pete");
    }

    @Test
    void formLoginNeedsTheCsrfTokenAndGivesASession() throws Exception {
        createUser("fred", "EDITOR");
        Response noCsrf = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=fred&password=fred-password-123")));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.error()).startsWith("missing or invalid CSRF token");

        Response page = send(request("/login").GET());
        assertThat(page.status()).isEqualTo(200);
        Matcher csrf = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        String cookie = cookie(page);
        Response login = send(request("/login").header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=fred&password=fred-password-123&_csrf=" + csrf.group(1))));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String session = cookie(login);
        Response me = send(request("/api/v1/me").header("Cookie", session).GET());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("fred");
        Response changeWithoutCsrf = send(request("/api/v1/tokens").header("Cookie", session).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(changeWithoutCsrf.status()).as("a session's changes need the CSRF token").isEqualTo(403);
    }

    private static String cookie(Response r) {
        return r.raw().headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }

    @Test
    void repeatedFailedLoginsAreThrottled() throws Exception {
        String password = createUser("tom", "VIEWER");
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/me", basic("tom", "guess-" + i)).status()).isEqualTo(401);
        }
        Response throttled = get("/api/v1/me", basic("tom", password));
        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.error()).startsWith("too many failed logins for user 'tom' from ").contains("wait ");
        assertThat(throttled.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=tom&password=x"))).status()).isEqualTo(429);
        assertThat(get("/api/v1/me", basic("admin", ADMIN_PASSWORD)).status()).as("other users are not throttled").isEqualTo(200);
    }

    @Test
    void artifactsUploadListEntryClassesAndDelete() throws Exception {
        String token = bearer(token("admin", ADMIN_PASSWORD));
        byte[] jar = TestJars.jobJar(0);
        Response uploaded = upload(token, "../../etc/passwd.jar", jar);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode a = uploaded.json();
        String sha = a.get("sha256").asString();
        assertThat(a.get("fileName").asString()).isEqualTo("passwd.jar");
        assertThat(a.get("sizeBytes").asLong()).isEqualTo(jar.length);
        assertThat(a.get("uploadedBy").asString()).isEqualTo("admin");
        Path stored = DATA_DIR.resolve("artifacts").resolve(sha + ".jar");
        assertThat(stored).hasBinaryContent(jar);
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the client's name is no path").doesNotContain("passwd.jar");
        }
        long id = a.get("id").asLong();
        String base = "/api/v1/namespaces/default/artifacts";

        Response entry = get(base + "/" + id + "/entry-classes", token);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.json().get("mainClass").asString()).isEqualTo("demo.Job");
        assertThat(entry.json().get("entryClasses").toString()).isEqualTo("[\"demo.Job\",\"demo.Other\"]");
        assertThat(get(base, token).body()).contains("\"id\":" + id, sha);
        assertThat(get(base + "/" + id, token).json().get("sha256").asString()).isEqualTo(sha);

        Response deleted = send(request(base + "/" + id).header("Authorization", token).DELETE());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(get(base + "/" + id, token).status()).isEqualTo(404);
        assertThat(stored).doesNotExist();
        Response events = get("/api/v1/namespaces/default/events", token);
        assertThat(events.body()).contains("artifact.uploaded", "artifact.deleted");
        assertThat(events.json().get(0).get("action").asString()).isEqualTo("artifact.deleted");
    }

    @Test
    void aNonJarAnEmptyPartAndAnOversizedUploadAreRefused() throws Exception {
        String token = bearer(token("admin", ADMIN_PASSWORD));
        int before = get("/api/v1/namespaces/default/artifacts", token).json().size();

        Response notAJar = upload(token, "notes.jar", "just text".getBytes(StandardCharsets.UTF_8));
        assertThat(notAJar.status()).isEqualTo(400);
        assertThat(notAJar.error()).startsWith("the upload is not a valid JAR");
        Response empty = upload(token, "empty.jar", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);

        Response tooLarge = upload(token, "big.jar", TestJars.jobJar(6_000_000));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).contains("larger than", "--max-upload-size");

        assertThat(get("/api/v1/namespaces/default/artifacts", token).json().size()).as("nothing half-created").isEqualTo(before);
        try (Stream<Path> files = Files.list(DATA_DIR.resolve("artifacts"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theJobJarOffersMeasurementJob() throws Exception {
        Path jobJar = Path.of(System.getProperty("lab.home", ".."), "pipeline/target/flink-ops-lab-job.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jobJar), "the job JAR is built by 'mvn package' of pipeline: " + jobJar);
        String token = bearer(token("admin", ADMIN_PASSWORD));
        Response uploaded = upload(token, "flink-ops-lab-job.jar", Files.readAllBytes(jobJar));
        assertThat(uploaded.status()).isEqualTo(201);
        Response entry = get("/api/v1/namespaces/default/artifacts/" + uploaded.json().get("id").asLong() + "/entry-classes", token);
        assertThat(entry.body()).contains("dev.flinkopslab.pipeline.MeasurementJob");
    }

    @Test
    void aMergePatchChangesWhatItNamesAndIsCheckedAsAReplace() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        long artifact = upload(admin, "job.jar", TestJars.jobJar(0)).json().get("id").asLong();
        String base = "/api/v1/namespaces/default/deployments";
        String path = base + "/patched";
        String merge = "application/merge-patch+json";
        // SUSPENDED: the validator asks no cluster, so nothing needs to listen at the target
        Response created = postJson(base, admin, "{\"metadata\":{\"name\":\"patched\",\"labels\":{\"team\":\"lab\"}},"
                + "\"spec\":{\"state\":\"SUSPENDED\",\"upgradeStrategy\":\"STATELESS\",\"template\":{\"artifactId\":" + artifact
                + ",\"entryClass\":\"demo.Job\",\"parallelism\":1},\"target\":{\"type\":\"SESSION\",\"restUrl\":\"http://127.0.0.1:9\"}}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Response dry = patch(path + "?dryRun=true", admin, merge, "{\"spec\":{\"template\":{\"parallelism\":2}}}");
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().get("plan").asString()).isEqualTo("no job runs; nothing to do (state SUSPENDED)");
        assertThat(get(path, admin).json().at("/spec/template/parallelism").asInt()).as("a dry run changes nothing").isEqualTo(1);

        Response patched = patch(path, admin, merge, "{\"spec\":{\"template\":{\"parallelism\":2}}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode d = patched.json();
        assertThat(d.at("/spec/template/parallelism").asInt()).isEqualTo(2);
        assertThat(d.at("/spec/template/entryClass").asString()).as("what the patch does not name stays").isEqualTo("demo.Job");
        assertThat(d.at("/spec/upgradeStrategy").asString()).isEqualTo("STATELESS");
        assertThat(d.at("/metadata/labels/team").asString()).isEqualTo("lab");
        assertThat(d.get("generation").asLong()).isEqualTo(2);

        // null removes: a label, and a spec field (its default again); plain application/json is taken too
        Response removed = patch(path, admin, "application/json",
                "{\"metadata\":{\"labels\":{\"team\":null,\"tier\":\"gold\"}},\"spec\":{\"upgradeStrategy\":null}}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().at("/spec/upgradeStrategy").asString()).isEqualTo("STATEFUL");
        assertThat(removed.json().at("/metadata/labels").toString()).isEqualTo("{\"tier\":\"gold\"}");
        assertThat(removed.json().get("generation").asLong()).isEqualTo(3);

        Response labelsOnly = patch(path, admin, merge, "{\"metadata\":{\"labels\":{\"tier\":\"silver\"}}}");
        assertThat(labelsOnly.status()).as(labelsOnly.body()).isEqualTo(200);
        assertThat(labelsOnly.json().at("/metadata/labels/tier").asString()).isEqualTo("silver");
        assertThat(labelsOnly.json().get("generation").asLong()).as("the spec did not change").isEqualTo(3);

        Response badEnum = patch(path, admin, merge, "{\"spec\":{\"state\":\"PAUSED\"}}");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.error()).isEqualTo("invalid value 'PAUSED' for 'spec.state'; one of [RUNNING, SUSPENDED, CANCELLED]");
        Response typo = patch(path, admin, merge, "{\"spec\":{\"template\":{\"paralelism\":3}}}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.error()).startsWith("unknown field 'spec.template.paralelism'").contains("parallelism");
        Response required = patch(path, admin, merge, "{\"spec\":{\"template\":{\"parallelism\":null}}}");
        assertThat(required.status()).isEqualTo(400);
        assertThat(required.error()).isEqualTo("invalid field 'spec.template.parallelism': must not be null");
        Response tooSmall = patch(path, admin, merge, "{\"spec\":{\"template\":{\"parallelism\":0}}}");
        assertThat(tooSmall.error()).startsWith("invalid field 'spec.template.parallelism': ");
        Response wrongEntry = patch(path, admin, merge, "{\"spec\":{\"template\":{\"entryClass\":\"demo.Helper\"}}}");
        assertThat(wrongEntry.error()).startsWith("invalid field 'spec.template.entryClass': artifact " + artifact);
        Response rename = patch(path, admin, merge, "{\"metadata\":{\"name\":\"other\"}}");
        assertThat(rename.error()).contains("cannot be renamed");
        Response status = patch(path, admin, merge, "{\"status\":{\"state\":\"RUNNING\"}}");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.error()).contains("only the reconciler writes the status");
        Response notAnObject = patch(path, admin, merge, "[1]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(patch(path, admin, "text/plain", "{}").status()).isEqualTo(415);
        assertThat(patch(base + "/nowhere", admin, merge, "{}").status()).isEqualTo(404);

        String viewer = basic("pat", createUser("pat", "VIEWER"));
        Response denied = patch(path, viewer, merge, "{\"spec\":{\"template\":{\"parallelism\":3}}}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.error()).isEqualTo("user 'pat' is VIEWER in namespace 'default', and this needs EDITOR; an admin can grant it");

        JsonNode after = get(path, admin).json();
        assertThat(after.at("/spec/state").asString()).as("no refused patch changed anything").isEqualTo("SUSPENDED");
        assertThat(after.at("/spec/template/parallelism").asInt()).isEqualTo(2);
        assertThat(after.at("/spec/template/entryClass").asString()).isEqualTo("demo.Job");
        assertThat(after.get("generation").asLong()).isEqualTo(3);
        assertThat(get("/api/v1/namespaces/default/events", admin).body()).contains("deployment.patched", "generation 2: ");
        assertThat(send(request(path).header("Authorization", admin).DELETE()).status()).isEqualTo(204);
    }
}
