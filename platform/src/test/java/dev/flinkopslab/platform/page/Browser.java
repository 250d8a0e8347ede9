package dev.flinkopslab.platform.page;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its chromedriver (no driver download: both come from the system's packages,
 * installed by .ci/run). Without them a developer's run skips the browser tests; CI sets
 * {@code -Dplatform.browser.required=true}, and there a missing browser fails.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("platform.browser.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("platform.browser.driver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String baseUrl;

    private Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** A browser at 1280 px wide, or the test is skipped (a failure when the run requires the browser). */
    static Browser open(String baseUrl) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (Boolean.getBoolean("platform.browser.required") && !present) {
            throw new AssertionError("the browser tests need " + CHROMIUM + " and " + DRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        assumeTrue(present, "no " + CHROMIUM + " / " + DRIVER + ": browser tests skipped (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        return new Browser(driver, baseUrl);
    }

    void go(String path) {
        driver.get(path.startsWith("http") ? path : baseUrl + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(250)).withMessage(what)
                .ignoring(StaleElementReferenceException.class) // the page's script replaced the live part meanwhile
                .until(condition);
    }

    void logIn(String username, String password) {
        go("/login");
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        find("button[type=submit]").click();
    }

    /** Saves the page as target/screenshots/NAME.png (and returns the file). */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
