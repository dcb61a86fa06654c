package dev.hindsight.collector.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests on real parts. Outside CI a missing precondition skips the test
 * with the reason; under CI (env CI=true) it fails, because CI must run everything.
 */
public final class TestEnvironment {
    private TestEnvironment() {
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void require(boolean condition, String whatIsMissing) {
        if (condition) {
            return;
        }
        if (isCi()) {
            fail("CI must run this test, but: " + whatIsMissing);
        }
        Assumptions.assumeTrue(false, "skipped: " + whatIsMissing);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static void requireRootAndCgroupV1() {
        require(isRoot(), "needs root to create cgroups");
        require(Files.isDirectory(Path.of("/sys/fs/cgroup/memory")) && Files.isDirectory(Path.of("/sys/fs/cgroup/cpu")),
                "needs cgroup v1 memory and cpu hierarchies at /sys/fs/cgroup");
    }

    public static void requireCommand(String command) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                found = true;
                break;
            }
        }
        require(found, "needs the command '" + command + "' (./hindsight test installs it)");
    }
}
