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

    /** The path of an executable on PATH (or in the JDK's bin), after requiring it. */
    public static Path requireCommand(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path jdk = Path.of(System.getProperty("java.home"), "bin", command);
        if (Files.isExecutable(jdk)) {
            return jdk;
        }
        require(false, "needs the command '" + command + "' (./hindsight test installs it)");
        return jdk;
    }
}
