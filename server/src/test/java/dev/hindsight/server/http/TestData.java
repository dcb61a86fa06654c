package dev.hindsight.server.http;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;

/**
 * A real store in a temporary directory fed with synthetic raw records through
 * {@link RawLogWriter}: two Docker containers ({@code web}, {@code db}) and one raw cgroup,
 * one sample a second. web's CPU grows 0.5 s/s, db's 0.25 s/s, cron's 0.1 s/s; memory
 * working set is {@code 1000 * c + second} bytes; eth0 counters grow 100 bytes/s.
 */
final class TestData implements AutoCloseable {
    static final long MIN = 60_000;
    static final String WEB_ID = "a".repeat(60) + "0001";
    static final String DB_ID = "b".repeat(60) + "0002";
    static final String WEB = "/docker/" + WEB_ID;
    static final String DB = "/docker/" + DB_ID;
    static final String CRON = "/system.slice/cron.service";
    static final String MACHINE_JSON = "{\"num_cores\":4,\"cpu_frequency_khz\":2400000,\"memory_capacity\":8589934592,"
        + "\"machine_id\":\"m1\",\"system_uuid\":\"u1\",\"boot_id\":\"b1\",\"kernel_version\":\"6.1.0\","
        + "\"filesystems\":[],\"network_devices\":[{\"name\":\"eth0\",\"mac_address\":\"02:00:00:00:00:01\","
        + "\"speed\":1000,\"mtu\":1500}],\"topology\":[]}";

    final long t0;
    final SetTimeProvider clock;
    final RawLog log;
    /** Chronicle appenders belong to the thread that made them: one writer per writing thread. */
    private final ThreadLocal<RawLogWriter> writers;
    final Store store;
    private int written;

    private final boolean live;

    private TestData(Path dir, long t0, boolean live) {
        this.live = live;
        this.t0 = t0;
        this.clock = new SetTimeProvider(t0);
        this.log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false);
        this.writers = ThreadLocal.withInitial(log::writer);
        RetentionConfig r = new RetentionConfig(86_400_000L, 10 * MIN,
            List.of(new RollupLevel(10_000, 86_400_000L), new RollupLevel(MIN, 7 * 86_400_000L)), OptionalLong.empty());
        HindsightConfig config = HindsightConfig.defaults().withDataDir(dir).withRetention(r);
        writeSeconds(0, 1);
        this.store = Store.open(config, new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000,
            30_000, live), log);
    }

    /** A store with {@code seconds} seconds of data starting at {@code t0}. */
    static TestData open(Path dir, long t0, int seconds) {
        TestData d = new TestData(dir, t0, false);
        d.append(seconds - 1);
        return d;
    }

    /** Like {@link #open}, with the store following the raw log on its own thread (for feeding from another thread). */
    static TestData openLive(Path dir, long t0, int seconds) {
        TestData d = new TestData(dir, t0, true);
        d.append(seconds - 1);
        return d;
    }

    static ContainerSpec spec(int id, String path, String name, String runtime, long t0) {
        return spec(id, path, name, runtime, t0, t0 - 5_000);
    }

    static ContainerSpec spec(int id, String path, String name, String runtime, long t0, long createdMs) {
        return new ContainerSpec(id, t0, path, name, runtime.isEmpty() ? "" : "img/" + name + ":1", runtime,
            runtime.isEmpty() ? Map.of() : Map.of("tier", "web", "com.example.team", "core"), createdMs, 1024,
            id == 1 ? 50_000 : -1, 100_000, "0-1", "0", id == 1 ? 1L << 30 : ContainerSpec.UNLIMITED,
            ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED, id == 1 ? 100 : -1);
    }

    /** Appends the next {@code seconds} seconds and lets the store read them. */
    synchronized void append(int seconds) {
        writeSeconds(written, written + seconds);
        if (!live) {
            store.catchUp();
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (store.newestTimestamp() < newest() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Writes one event record. */
    synchronized void event(ContainerEvent e) {
        clock.currentTimeMillis(e.timestampMs());
        writers.get().event(e);
        if (!live) {
            store.catchUp();
        }
    }

    /** The timestamp of the newest second written. */
    long newest() {
        return t0 + 1000L * (written - 1);
    }

    private void writeSeconds(int from, int to) {
        RawLogWriter writer = writers.get();
        byte[] eth0 = "eth0".getBytes(StandardCharsets.US_ASCII);
        for (int sec = from; sec < to; sec++) {
            long t = t0 + 1000L * sec;
            clock.currentTimeMillis(t);
            if (sec == 0) {
                writer.spec(spec(1, WEB, "web", "docker", t0));
                writer.spec(spec(2, DB, "db", "docker", t0));
                writer.spec(spec(3, CRON, CRON, "", t0, t0 - 86_400_000L)); // a service started at boot, long before
                writer.event(new ContainerEvent(1, t, EventType.CONTAINER_CREATION, 0));
                writer.event(new ContainerEvent(2, t, EventType.CONTAINER_CREATION, 0));
            }
            double[] rate = {0, 0.5, 0.25, 0.1};
            for (int c = 1; c <= 3; c++) {
                long cpu = Math.round(sec * rate[c] * 1e9);
                writer.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, cpu)
                    .set(ContainerField.CPU_USER_NS, cpu / 2).set(ContainerField.CPU_SYSTEM_NS, cpu / 4)
                    .set(ContainerField.MEMORY_USAGE_BYTES, 2000L * c + sec)
                    .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1000L * c + sec)
                    .set(ContainerField.PROCESSES, c).set(ContainerField.TASKS_RUNNING, 1)
                    .set(ContainerField.MEMORY_FAILCNT, 0);
                writer.commitContainerSample();
                if (c != 3) {
                    writer.interfaceSample(c, t, eth0, eth0.length).setCounter(0, 100L * sec).setCounter(4, 50L * sec);
                    writer.commitInterfaceSample();
                    writer.deviceSample(c, t, 8, 0, 4096L * sec, 8192L * sec, sec, 2L * sec);
                }
            }
            if (sec == 30) {
                writer.event(new ContainerEvent(1, t, EventType.OOM_KILL, 1));
            }
        }
        written = Math.max(written, to);
    }

    ServerContext context(long nowMs) {
        return new ServerContext(store, new Engine(store, EngineLimits.DEFAULT), () -> MACHINE_JSON, () -> true,
            out -> {
                out.family("hindsight_samples_written_total", "counter", "Samples written.");
                out.sample("hindsight_samples_written_total", written * 3.0);
            }, () -> nowMs);
    }

    static ServerConfig loopback() {
        return ServerConfig.defaults().withListen("127.0.0.1:0");
    }

    @Override
    public void close() {
        store.close();
        log.close();
    }
}
