package dev.hindsight.server.ui;

import dev.hindsight.collector.it.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Preconditions of the browser tests. Outside CI a missing precondition skips the test with
 * the reason; under CI (env CI=true) it fails, because CI must run everything.
 */
final class UiTestEnvironment {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private UiTestEnvironment() {
    }

    static void requireChromium() {
        TestEnvironment.require(Files.isExecutable(CHROMIUM), "needs " + CHROMIUM + " (apt-get install chromium)");
        TestEnvironment.require(Files.isExecutable(CHROMEDRIVER), "needs " + CHROMEDRIVER + " (apt-get install chromium-driver)");
    }
}
