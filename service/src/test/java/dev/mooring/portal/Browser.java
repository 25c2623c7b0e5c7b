package dev.mooring.portal;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven by Selenium, with the Debian packages' browser and driver (never downloaded). Where
 * neither can be had, the calling test is skipped with a message saying what to install.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("mooring.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("mooring.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(ChromeDriver driver, Path downloads, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
    }

    /** Starts a fresh browser (new profile), or skips the test when Chromium is not installed. */
    static Browser start(String... extraArguments) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Portal browser tests skipped: no Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        Path profile = Files.createTempDirectory("mooring-portal-chromium");
        Path downloads = Files.createTempDirectory("mooring-portal-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), downloads, profile);
    }

    void open(String url) {
        driver.get(url);
    }

    /** The element, once it is on the page. */
    WebElement find(String css) {
        return eventually(() -> {
            WebElement element = driver.findElement(By.cssSelector(css));
            assertThat(element.isDisplayed()).as(css + " displayed").isTrue();
            return element;
        });
    }

    /** Waits until an element matching {@code css} is in the page, shown or not. */
    void waitFor(String css) {
        eventually(() -> assertThat(present(css)).as(css + " present").isTrue());
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void click(String css) {
        eventually(() -> find(css).click());
    }

    void clickLink(String text) {
        eventually(() -> driver.findElement(By.linkText(text)).click());
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits until the element's text contains {@code expected}. */
    void waitForText(String css, String expected) {
        eventually(Duration.ofSeconds(30), () -> assertThat(find(css).getText()).contains(expected));
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** The whole page (the window grown to the page's height for the shot, up to 2,400 pixels). */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Dimension window = driver.manage().window().getSize();
        long height = (Long) script("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(2400, Math.max(height + 120,
                window.getHeight()))));
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(window);
        }
        return file;
    }

    /** Fails on any Content-Security-Policy violation the console reported since the last call. */
    void assertNoContentSecurityPolicyViolations() {
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .toList();
        assertThat(console).noneMatch(message -> message.contains("Content Security Policy")
                || message.contains("Refused to"));
    }

    /** The downloaded file, once the browser has finished writing it. */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        return eventually(() -> {
            assertThat(file).exists();
            assertThat(downloads.resolve(name + ".crdownload")).doesNotExist();
            return file;
        });
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        org.springframework.util.FileSystemUtils.deleteRecursively(downloads);
    }
}
