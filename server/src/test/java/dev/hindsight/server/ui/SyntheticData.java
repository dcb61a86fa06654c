package dev.hindsight.server.ui;

import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.core.time.SetTimeProvider;

/**
 * Records of a small machine, every {@link #INTERVAL_MS}, starting two hours before "now":
 * the root cgroup, the {@code /docker} parent, two Docker containers ({@code web} with a CPU
 * quota, a memory limit, two CPUs and an OOM kill 30 minutes ago; {@code db} with disk I/O)
 * and a systemd service. {@link #writeUntil} is called again as time passes, like a collector.
 * Used by one thread at a time.
 */
final class SyntheticData {
    static final long INTERVAL_MS = 2_000;
    static final long SPAN_MS = 2 * 3_600_000L;
    static final String WEB = "/docker/0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String DB = "/docker/9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";
    static final String SSHD = "/system.slice/ssh.service";
    static final long WEB_MEMORY_LIMIT = 512L << 20;

    /** One container: id, path, name, image, CPU cores it burns, working set bytes. */
    record Box(int id, String path, String name, String image, double cores, long workingSet) {
    }

    static final List<Box> BOXES = List.of(
        new Box(1, "/", "/", "", 1.9, 3L << 30),
        new Box(2, "/docker", "/docker", "", 1.3, 900L << 20),
        new Box(3, WEB, "web", "nginx:1.27", 0.9, 300L << 20),
        new Box(4, DB, "db", "postgres:16", 0.4, 600L << 20),
        new Box(5, SSHD, SSHD, "", 0.05, 20L << 20));

    private final long startMs;
    private final long oomAtMs;
    private long nextMs;

    SyntheticData(long nowMs) {
        this.startMs = nowMs - SPAN_MS;
        this.oomAtMs = nowMs - 1_800_000L;
        this.nextMs = startMs;
    }

    /** Writes every tick up to untilMs; the clock follows the records so roll cycles are right. */
    void writeUntil(RawLogWriter w, SetTimeProvider clock, long untilMs) {
        for (; nextMs <= untilMs; nextMs += INTERVAL_MS) {
            long t = nextMs;
            clock.currentTimeMillis(t);
            if (t == startMs) {
                for (Box b : BOXES) {
                    w.spec(spec(b, t));
                    w.event(new ContainerEvent(b.id, t, EventType.CONTAINER_CREATION, 0));
                }
            }
            double sec = (t - startMs) / 1000.0;
            for (Box b : BOXES) {
                sample(w, b, t, sec);
            }
            if (t >= oomAtMs && t < oomAtMs + INTERVAL_MS) {
                w.event(new ContainerEvent(3, t, EventType.OOM_KILL, 1));
            }
        }
    }

    private static ContainerSpec spec(Box b, long t) {
        boolean web = b.id == 3;
        boolean docker = !b.image.isEmpty();
        return new ContainerSpec(b.id, t, b.path, b.name, b.image, docker ? "docker" : "",
            docker ? Map.of("com.docker.compose.service", b.name) : Map.of(), t - 60_000,
            1024, web ? 50_000 : ContainerSpec.UNLIMITED, 100_000, web ? "0-1" : "", "",
            web ? WEB_MEMORY_LIMIT : ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED,
            ContainerSpec.UNLIMITED);
    }

    private static void sample(RawLogWriter w, Box b, long t, double sec) {
        long cpuNs = (long) (b.cores * sec * 1e9);
        double wave = 1 + 0.2 * Math.sin(sec / 600.0 + b.id);
        var s = w.containerSample(b.id, t)
            .set(ContainerField.CPU_USAGE_NS, cpuNs)
            .set(ContainerField.MEMORY_USAGE_BYTES, (long) (b.workingSet * wave * 1.3))
            .set(ContainerField.MEMORY_WORKING_SET_BYTES, (long) (b.workingSet * wave))
            .set(ContainerField.PROCESSES, 3 + b.id)
            .set(ContainerField.THREADS, 10 + 4L * b.id);
        if (b.id == 3) {
            long periods = (long) (sec * 10);
            s.set(ContainerField.CPU_CFS_PERIODS, periods).set(ContainerField.CPU_CFS_THROTTLED_PERIODS, periods / 4);
            s.perCpu(new long[] {cpuNs * 2 / 3, cpuNs / 3}, 2);
        }
        w.commitContainerSample();
        if (b.id == 1 || b.id == 3 || b.id == 4) {
            byte[] eth0 = "eth0".getBytes(StandardCharsets.US_ASCII);
            w.interfaceSample(b.id, t, eth0, eth0.length)
                .setCounter(0, (long) (sec * 40_000 * b.id)).setCounter(4, (long) (sec * 15_000 * b.id));
            w.commitInterfaceSample();
        }
        if (b.id == 1 || b.id == 4) {
            long read = (long) (sec * 200_000);
            w.deviceSample(b.id, t, 8, 0, read, read / 2, (long) sec * 10, (long) sec * 5);
        }
    }
}
