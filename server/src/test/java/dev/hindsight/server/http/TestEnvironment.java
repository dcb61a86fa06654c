package dev.hindsight.server.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests on real parts (the Prometheus binary, keytool, openssl). Outside CI
 * a missing precondition skips the test with the reason; under CI (env CI=true) it fails,
 * because CI must run everything.
 */
final class TestEnvironment {
    private TestEnvironment() {
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

    /** The path of an executable on PATH (or in the JDK's bin), after requiring it. */
    static Path requireCommand(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path jdk = Path.of(System.getProperty("java.home"), "bin", command);
        if (Files.isExecutable(jdk)) {
            return jdk;
        }
        require(false, "needs the command '" + command + "' (scripts/test-deps.sh installs it)");
        return null;
    }
}
