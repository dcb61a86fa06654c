package dev.hindsight.collector.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real cgroup v1 made for one test in every controller hierarchy, with processes the test
 * starts inside it. {@link #close()} kills those processes and removes the cgroup, also on
 * failure. Only processes this class started are ever moved.
 */
public final class TestCgroup implements AutoCloseable {
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    static final String[] CONTROLLERS = {"cpu", "cpuacct", "cpuset", "memory", "blkio", "pids"};

    private final String relativePath;
    private final List<Process> processes = new ArrayList<>();

    private TestCgroup(String relativePath) {
        this.relativePath = relativePath;
    }

    /** Creates {@code /<prefix>-<random>} in every hierarchy; cpuset gets its parent's cpus and mems. */
    public static TestCgroup create(String prefix) throws IOException {
        TestCgroup c = new TestCgroup("/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        for (String ctrl : CONTROLLERS) {
            Path dir = c.dir(ctrl);
            Files.createDirectories(dir);
            if (ctrl.equals("cpuset")) {
                Files.writeString(dir.resolve("cpuset.cpus"), Files.readString(ROOT.resolve("cpuset/cpuset.cpus")).trim());
                Files.writeString(dir.resolve("cpuset.mems"), Files.readString(ROOT.resolve("cpuset/cpuset.mems")).trim());
            }
        }
        return c;
    }

    public String path() {
        return relativePath;
    }

    public Path dir(String controller) {
        return ROOT.resolve(controller).resolve(relativePath.substring(1));
    }

    public TestCgroup write(String controller, String file, String value) throws IOException {
        Files.writeString(dir(controller).resolve(file), value, StandardCharsets.US_ASCII);
        return this;
    }

    /**
     * Starts {@code command} inside this cgroup: a shell writes its own pid into every
     * hierarchy's cgroup.procs, then execs the command.
     */
    public Process start(String command) throws IOException {
        StringBuilder join = new StringBuilder();
        for (String ctrl : CONTROLLERS) {
            join.append("echo $$ > ").append(dir(ctrl).resolve("cgroup.procs")).append(" && ");
        }
        Process p = new ProcessBuilder("sh", "-c", join + "exec " + command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        processes.add(p);
        return p;
    }

    /** Removes the cgroup from every hierarchy (it must be empty). */
    public void remove() {
        for (String ctrl : CONTROLLERS) {
            Path dir = dir(ctrl);
            for (int attempt = 0; attempt < 50 && Files.exists(dir); attempt++) {
                try {
                    Files.delete(dir);
                } catch (IOException busy) {
                    sleep(100); // processes still exiting
                }
            }
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        remove();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
