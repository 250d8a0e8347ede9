package dev.flinkopslab.platform.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.platform.clusters.LocalClusters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The training's walk-through in a real Chromium against the platform and the real Flink clusters it starts: log
 * in, upload the job JAR, create the seed's deployment through the form (STATELESS, RUNNING, NONE, parallelism 4,
 * CPU 1/1, memory 1G/2G, the entry class picked from the JAR's list), see it RUNNING, find the job in Flink's own
 * Web UI, change the parallelism with a STATEFUL upgrade (the review shows what changes and that a savepoint is
 * taken), see the savepoint and the new job in the timeline, suspend, resume. Screenshots go to target/screenshots.
 */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab.platform.admin-password=" + WalkThroughBrowserTest.ADMIN_PASSWORD,
        "lab.platform.reconciler.interval-ms=1000"})
class WalkThroughBrowserTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final Duration CLUSTER = Duration.ofSeconds(150);
    private static final Duration PAGE = Duration.ofSeconds(15);
    private static final Path DATA_DIR = tempDir();
    private static final String ENTRY_CLASS = "dev.flinkopslab.pipeline.MeasurementJob";

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lab.platform.data-dir", DATA_DIR::toString);
    }

    @AfterAll
    static void stopLeftoverClusters(@Autowired LocalClusters clusters) {
        clusters.releaseAllBut(Set.of());
    }

    @Test
    void theTrainingsWalkThrough() {
        try (Browser b = Browser.open("http://localhost:" + port)) {
            b.go("/");
            b.await(PAGE, "an anonymous visit lands on the login form", d -> d.getCurrentUrl().endsWith("/login"));
            b.screenshot("01-login");
            b.logIn("admin", ADMIN_PASSWORD);
            b.await(PAGE, "after the login: the deployments", d -> d.getCurrentUrl().endsWith("/namespaces/default/deployments"));

            b.find("nav a[href$='/artifacts']").click();
            b.await(PAGE, "the JARs page", d -> d.findElement(By.id("file")));
            Path jar = Path.of(System.getProperty("lab.job.jar", "../pipeline/target/flink-ops-lab-job.jar")).toAbsolutePath().normalize();
            b.find("#file").sendKeys(jar.toString());
            b.find("#upload button[type=submit]").click();
            WebElement row = b.await(PAGE, "the uploaded JAR is listed", d -> d.findElements(By.cssSelector("tr[data-artifact]"))
                    .stream().filter(r -> r.getText().contains("flink-ops-lab-job.jar")).findFirst().orElse(null));
            assertThat(row.getText()).contains("admin").contains("MiB");
            b.screenshot("02-jars");

            row.findElement(By.linkText("Deploy")).click();
            b.await(PAGE, "the create form", d -> d.getCurrentUrl().contains("/deployments/new"));
            b.find("#name").sendKeys("training");
            new Select(b.find("#state")).selectByValue("RUNNING");
            new Select(b.find("#upgradeStrategy")).selectByValue("STATELESS");
            new Select(b.find("#restoreStrategy")).selectByValue("NONE");
            Select entry = new Select(b.find("#entryClass"));
            assertThat(entry.getOptions()).extracting(WebElement::getText).as("the JAR's entry classes").contains(ENTRY_CLASS);
            entry.selectByValue(ENTRY_CLASS);
            b.find("#programArgs").sendKeys("--rate 400 --sink discard --checkpoint-interval 2s");
            replace(b.find("#parallelism"), "4");
            replace(b.find("#jobManagerCpu"), "1");
            replace(b.find("#jobManagerMemory"), "1G");
            replace(b.find("#taskManagerCpu"), "1");
            replace(b.find("#taskManagerMemory"), "2G");
            b.screenshot("03-create-form");
            b.find("#submit").click();

            b.await(PAGE, "the deployment's page", d -> d.getCurrentUrl().endsWith("/deployments/training"));
            awaitRunning(b, 4);
            b.screenshot("04-running");

            String firstJob = b.text("#job-status").replaceFirst(".* · ", "");
            String flinkUi = b.find("#flink-ui").getAttribute("href");
            b.go(flinkUi);
            b.await(CLUSTER, "Flink's Web UI shows the job " + firstJob, d -> d.findElement(By.tagName("body")).getText().contains(firstJob));
            b.screenshot("05-flink-web-ui");
            b.go("/namespaces/default/deployments/training");

            b.find("a[href$='/training/edit']").click();
            b.await(PAGE, "the edit form", d -> d.findElement(By.id("upgradeStrategy")));
            new Select(b.find("#upgradeStrategy")).selectByValue("STATEFUL");
            new Select(b.find("#restoreStrategy")).selectByValue("LATEST_SAVEPOINT");
            replace(b.find("#parallelism"), "2");
            b.find("#submit").click();
            b.await(PAGE, "the review of the edit", d -> d.findElements(By.id("plan")).size() == 1);
            List<String> changes = b.driver.findElements(By.cssSelector("#changes li")).stream().map(WebElement::getText).toList();
            assertThat(changes).contains("parallelism: 4 → 2", "upgrade strategy: STATELESS → STATEFUL");
            assertThat(b.text("#plan")).containsIgnoringCase("savepoint");
            b.screenshot("06-review-upgrade");
            b.find("#apply").click();

            b.await(CLUSTER, "the upgrade's savepoint and the new job in the timeline", d ->
                    !d.findElements(By.cssSelector("#events li[data-type=SAVEPOINT_COMPLETED]")).isEmpty()
                            && !d.findElement(By.id("job-status")).getText().contains(firstJob)
                            && d.findElement(By.id("observed-state")).getText().equals("RUNNING")
                            && d.findElement(By.id("parallelism")).getText().equals("2"));
            assertThat(b.driver.findElements(By.cssSelector("#savepoints tr[data-origin=UPGRADE][data-state=COMPLETED]"))).hasSize(1);
            assertThat(b.driver.findElements(By.cssSelector("#jobs tbody tr"))).as("jobs history").hasSize(2);
            b.screenshot("07-upgraded-timeline");

            clickAction(b, "SUSPENDED");
            b.await(CLUSTER, "suspended with a savepoint", d -> d.findElement(By.id("observed-state")).getText().equals("SUSPENDED"));
            assertThat(b.driver.findElements(By.cssSelector("#savepoints tr[data-origin=SUSPEND][data-state=COMPLETED]"))).hasSize(1);
            clickAction(b, "RUNNING");
            awaitRunning(b, 2);
            assertThat(b.driver.findElements(By.cssSelector("#jobs tbody tr"))).as("jobs history after the resume").hasSize(3);
            b.screenshot("08-resumed");

            b.go("/namespaces/default/deployments");
            WebElement listed = b.find("tr[data-deployment=training]");
            assertThat(listed.findElement(By.className("observed")).getText()).isEqualTo("RUNNING");
            assertThat(listed.findElement(By.className("parallelism")).getText()).isEqualTo("2");
            b.screenshot("09-deployments");

            clickAction(b, "CANCELLED");
            b.await(CLUSTER, "cancelled", d -> d.findElement(By.id("observed-state")).getText().equals("CANCELLED"));
        }
    }

    /** The live part of the deployment page says RUNNING, with every one of the job's {@code parallelism} tasks. */
    private static void awaitRunning(Browser b, int parallelism) {
        b.await(CLUSTER, "the deployment RUNNING at parallelism " + parallelism, d ->
                d.findElement(By.id("observed-state")).getText().equals("RUNNING")
                        && d.findElement(By.id("job-status")).getText().startsWith("RUNNING")
                        && d.findElement(By.id("parallelism")).getText().equals(Integer.toString(parallelism)));
    }

    /** One of the deployment page's state buttons (suspend, resume, cancel), confirming where the page asks. */
    private static void clickAction(Browser b, String state) {
        b.go("/namespaces/default/deployments/training");
        b.find("form:has(input[name=state][value=" + state + "]) button").click();
        if ("CANCELLED".equals(state)) {
            b.driver.switchTo().alert().accept();
        }
        b.await(PAGE, "the state change is acknowledged", d -> d.findElement(By.className("notice")).getText().contains(state));
    }

    private static void replace(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-platform")), "browser-platform-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
