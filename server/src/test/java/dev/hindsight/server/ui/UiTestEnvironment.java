package dev.hindsight.server.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of the browser tests. Outside CI a missing precondition skips the test with
 * the reason; under CI (env CI=true) it fails, because CI must run everything.
 */
final class UiTestEnvironment {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private UiTestEnvironment() {
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static void require(boolean condition, String whatIsMissing) {
        if (condition) {
            return;
        }
        if (isCi()) {
            fail("CI must run this test, but: " + whatIsMissing);
        }
        Assumptions.assumeTrue(false, "skipped: " + whatIsMissing);
    }

    /** Debian's chromium and chromium-driver (scripts/test-deps.sh installs them). */
    static void requireChromium() {
        require(Files.isExecutable(CHROMIUM), "needs " + CHROMIUM + " (apt-get install chromium)");
        require(Files.isExecutable(CHROMEDRIVER), "needs " + CHROMEDRIVER + " (apt-get install chromium-driver)");
    }
}
