package dev.hindsight.server.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium through chromedriver, with the browser console and screenshots at hand. */
final class Browser implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Starts Chromium with a fresh profile under profileDir; screenshots go to screenshotDir. */
    static Browser start(Path profileDir, Path screenshotDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(UiTestEnvironment.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
            "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=1400,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(UiTestEnvironment.CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        try {
            Files.createDirectories(screenshotDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Browser(new ChromeDriver(service, options), screenshotDir);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to 20 s for a condition to give a non-null, non-false value. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(condition);
    }

    /** Waits until no chart below the page is still loading. */
    void awaitCharts(int count) {
        await(count + " charts drawn", d -> {
            List<WebElement> charts = d.findElements(By.cssSelector(".chart[data-chart]"));
            return charts.size() == count
                && charts.stream().noneMatch(c -> "loading".equals(c.getDomAttribute("data-state")));
        });
    }

    /** Console messages at SEVERE or WARNING since the last call (reading empties the log). */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            // Chromium drops requests in flight when the host's interfaces change (other tests
            // create Docker networks); the page retries them, the console still reports them.
            .filter(e -> !e.getMessage().contains("net::ERR_NETWORK_CHANGED"))
            .map(LogEntry::toString)
            .collect(Collectors.toList());
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Runs JavaScript in the page. */
    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Saves a PNG of the whole page (the window grows to the page's height first). */
    Path screenshot(String name) {
        Dimension old = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(old.getWidth(), Math.min(4000, height.intValue() + 120)));
        try {
            Thread.sleep(300); // let charts follow the new size
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            driver.manage().window().setSize(old);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
