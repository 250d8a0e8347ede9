package dev.flinkopslab.platform.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.platform.deployments.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who sees and may do what on the page, in a real Chromium: a wrong password's message; a viewer sees no control
 * that changes anything, and a post they make by hand (with their own valid CSRF token) is refused; a post
 * without the CSRF token is refused even for the admin; a form's error is shown at its field; users and tokens;
 * a narrow window needs no sideways scrolling. Its deployment is CANCELLED from the start: no Flink runs here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + PageAccessBrowserTest.ADMIN_PASSWORD,
        "lab.platform.reconciler.interval-ms=1000"})
class PageAccessBrowserTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String VIEWER_PASSWORD = "viewer-password-123";
    private static final Duration PAGE = Duration.ofSeconds(15);
    private static final Path DATA_DIR = tempDir();
    private static final String DEPLOYMENT = "/namespaces/default/deployments/parked";

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
    }

    private Api admin() {
        return new Api(port, "admin", ADMIN_PASSWORD);
    }

    /** A viewer, a JAR and a CANCELLED deployment of it, made through the API (once per context). */
    private synchronized void seed() throws Exception {
        Api api = admin();
        if (api.get("/api/v1" + DEPLOYMENT).status() == 200) {
            return;
        }
        Path jar = Path.of(System.getProperty("lab.job.jar", "../pipeline/target/flink-ops-lab-job.jar"));
        Api.Response artifact = api.upload("/api/v1/namespaces/default/artifacts", "flink-ops-lab-job.jar", Files.readAllBytes(jar));
        assertThat(artifact.status()).as(artifact.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/users", """
                {"username": "vera", "password": "%s", "roles": {"default": "VIEWER"}}""".formatted(VIEWER_PASSWORD)).status())
                .isEqualTo(201);
        Api.Response created = api.post("/api/v1/namespaces/default/deployments", """
                {"metadata": {"name": "parked"},
                 "spec": {"state": "CANCELLED", "template": {"artifactId": %d, "entryClass": "dev.flinkopslab.pipeline.MeasurementJob",
                          "parallelism": 1}}}""".formatted(artifact.json().get("id").asLong()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aWrongPasswordSaysSoWithoutSayingWhichPart() {
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.logIn("admin", "not-the-password");
            b.await(PAGE, "the login form again, with the message", d -> d.getCurrentUrl().endsWith("/login?error"));
            assertThat(b.text("#login-error")).isEqualTo("Wrong username or password.");
            b.logIn("nobody", "not-the-password");
            b.await(PAGE, "the message again", d -> !d.findElements(By.id("login-error")).isEmpty());
            assertThat(b.text("#login-error")).as("an unknown user reads the same").isEqualTo("Wrong username or password.");
            b.screenshot("access-01-wrong-password");
        }
    }

    @Test
    void aViewerSeesNoControlAndAHandMadePostIsRefused() throws Exception {
        seed();
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.logIn("vera", VIEWER_PASSWORD);
            b.await(PAGE, "the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));
            assertThat(b.present("tr[data-deployment=parked]")).isTrue();
            assertThat(b.present("a[href$='/deployments/new']")).as("no create for a viewer").isFalse();
            assertThat(b.present("nav a[href='/users']")).as("no user admin for a viewer").isFalse();
            b.go(DEPLOYMENT);
            assertThat(b.present("#observed-state")).isTrue();
            assertThat(b.driver.findElements(By.cssSelector("main form, main button, a[href$='/edit']")))
                    .as("no action on the deployment page").isEmpty();
            b.screenshot("access-02-viewer-deployment");
            b.go("/namespaces/default/artifacts");
            assertThat(b.driver.findElements(By.cssSelector("main form, main button"))).as("no upload or delete").isEmpty();

            int status = post(b, DEPLOYMENT + "/state", "state=RUNNING", true);
            assertThat(status).as("the viewer's own form post, CSRF token and all").isEqualTo(403);
            b.go(DEPLOYMENT + "/edit");
            assertThat(b.find("h1").getText()).isEqualTo("403 Forbidden");
            assertThat(b.find("p.error").getText()).contains("vera").contains("VIEWER").contains("EDITOR");
        }
        assertThat(admin().get("/api/v1" + DEPLOYMENT).json().at("/spec/state").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        seed();
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.logIn("admin", ADMIN_PASSWORD);
            b.await(PAGE, "the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));
            assertThat(post(b, DEPLOYMENT + "/delete", "", false)).isEqualTo(403);
            assertThat(post(b, DEPLOYMENT + "/delete", "_csrf=forged", false)).isEqualTo(403);
            b.driver.executeScript("""
                    const f = document.createElement('form');
                    f.method = 'post';
                    f.action = arguments[0];
                    document.body.appendChild(f);
                    f.submit();
                    """, DEPLOYMENT + "/delete");
            b.await(PAGE, "the refusal as a page", d -> d.findElement(By.tagName("h1")).getText().equals("403"));
            assertThat(b.text("p.error")).startsWith("missing or invalid CSRF token");
            assertThat(b.present("a[href='/login']")).isTrue();
        }
        assertThat(admin().get("/api/v1" + DEPLOYMENT).status()).as("still there").isEqualTo(200);
    }

    @Test
    void aFormErrorIsShownAtItsField() throws Exception {
        seed();
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.logIn("admin", ADMIN_PASSWORD);
            b.await(PAGE, "the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));
            b.go("/namespaces/default/deployments/new");
            b.find("#name").sendKeys("second");
            b.find("#parallelism").clear();
            b.find("#parallelism").sendKeys("1");
            b.find("#taskManagerMemory").clear();
            b.find("#taskManagerMemory").sendKeys("2 gigs");
            b.find("#submit").click();
            b.await(PAGE, "the form again, with the error at the field", d -> !d.findElement(By.id("taskManagerMemory-error")).getText().isEmpty());
            assertThat(b.text("#taskManagerMemory-error")).contains("1536m");
            assertThat(b.find("#name").getAttribute("value")).as("what was typed stays").isEqualTo("second");
            b.screenshot("access-03-field-error");
        }
        assertThat(admin().get("/api/v1/namespaces/default/deployments/second").status()).isEqualTo(404);
    }

    @Test
    void theAdminCreatesAUserAndATokenShownOnceThenRevokesIt() throws Exception {
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.logIn("admin", ADMIN_PASSWORD);
            b.await(PAGE, "the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));
            b.find("nav a[href='/users']").click();
            b.await(PAGE, "the users page", d -> d.findElement(By.id("create-user")));
            b.find("#username").sendKeys("eddie");
            b.find("#password").sendKeys("eddie-password-123");
            b.find("#role option[value=EDITOR]").click();
            b.find("#create-user").click();
            b.await(PAGE, "eddie is listed", d -> !d.findElements(By.cssSelector("tr[data-user=eddie]")).isEmpty());
            assertThat(b.text("tr[data-user=eddie]")).contains("EDITOR in default");

            b.find("nav a[href='/tokens']").click();
            b.await(PAGE, "the tokens page", d -> d.findElement(By.id("create-token")));
            b.find("#name").sendKeys("browser test");
            b.find("#create-token").click();
            String token = b.await(PAGE, "the new token, shown", d -> d.findElement(By.id("token-value"))).getAttribute("value");
            assertThat(new BearerApi(port, token).me()).as("the shown token works").isEqualTo(200);
            b.go("/tokens");
            assertThat(b.present("#created-token")).as("shown only once").isFalse();
            b.find("tr[data-token] button").click();
            b.await(PAGE, "revoked", d -> d.findElement(By.className("notice")).getText().startsWith("revoked token"));
            assertThat(new BearerApi(port, token).me()).as("a revoked token is refused").isEqualTo(401);
        }
    }

    @Test
    void aNarrowWindowNeedsNoSidewaysScrolling() throws Exception {
        seed();
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.driver.manage().window().setSize(new Dimension(390, 844));
            b.logIn("admin", ADMIN_PASSWORD);
            b.await(PAGE, "the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));
            for (String page : new String[] {"/namespaces/default/deployments", DEPLOYMENT, DEPLOYMENT + "/edit", "/namespaces/default/artifacts"}) {
                b.go(page);
                Object overflow = b.driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(((Number) overflow).intValue()).as(page + " scrolls sideways by").isLessThanOrEqualTo(0);
            }
            b.screenshot("access-04-narrow-deployment-form");
        }
    }

    @Test
    void timesAreShownInTheViewersTimeZone() {
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.driver.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", "Asia/Tokyo"));
            b.logIn("admin", ADMIN_PASSWORD);
            b.await(PAGE, "the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));
            b.go("/users");
            org.openqa.selenium.WebElement time = b.find("tr[data-user=admin] time");
            java.time.Instant at = java.time.Instant.parse(time.getAttribute("datetime"));
            String expected = java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a", java.util.Locale.US)
                    .format(at.atZone(java.time.ZoneId.of("Asia/Tokyo")));
            assertThat(time.getText().replace('\u202f', ' ')).as("the admin's creation time, in Tokyo").isEqualTo(expected);
        }
    }

    @Test
    void everyControlHasALabel() throws Exception {
        seed();
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.logIn("admin", ADMIN_PASSWORD);
            b.await(PAGE, "the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));
            for (String page : new String[] {"/login", "/namespaces/default/deployments", DEPLOYMENT, DEPLOYMENT + "/edit",
                    "/namespaces/default/deployments/new", "/namespaces/default/artifacts", "/users", "/tokens"}) {
                b.go(page);
                Object unlabelled = b.driver.executeScript("""
                        return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                          .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
                          .map(c => c.outerHTML);
                        """);
                assertThat((java.util.List<?>) unlabelled).as(page + ": controls without a label").isEmpty();
            }
        }
    }

    /** A form post from the page's origin, made by hand in the browser: its status. */
    private static int post(Browser b, String path, String body, boolean withOwnCsrfToken) {
        Object status = b.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                let body = arguments[1];
                if (arguments[2]) body += (body ? '&' : '') + '_csrf=' + encodeURIComponent(document.querySelector('meta[name=_csrf]').content);
                fetch(arguments[0], {method: 'POST', credentials: 'same-origin', redirect: 'manual',
                    headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'text/html'}, body})
                  .then(r => done(r.status), e => done(-1));
                """, path, body, withOwnCsrfToken);
        return ((Number) status).intValue();
    }

    /** The API with a bearer token: whether it authenticates. */
    private record BearerApi(int port, String token) {
        int me() throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/me"))
                    .header("Authorization", "Bearer " + token).GET().build();
            return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-platform")), "page-access-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
