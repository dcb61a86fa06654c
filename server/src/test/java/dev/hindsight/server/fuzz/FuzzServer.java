package dev.hindsight.server.fuzz;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.http.ServerContext;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;

/**
 * A real HTTP server over a small real store: four containers, one sample a second for the
 * last {@code seconds} seconds (ending now), written through the raw log and ingested.
 */
final class FuzzServer implements AutoCloseable {
    static final long QUERY_TIMEOUT_MS = 10_000;
    static final String[] PATHS = {"/docker/" + "a".repeat(64), "/docker/" + "b".repeat(64),
        "/system.slice/cron.service", "/kubepods/burstable/pod1234/" + "c".repeat(64)};

    final RawLog log;
    final Store store;
    final HttpServer http;
    final long t0;
    final long newest;

    FuzzServer(Path dir, int seconds, long maxBodyBytes) {
        newest = System.currentTimeMillis() / 1000 * 1000;
        t0 = newest - 1000L * (seconds - 1);
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(t0));
        log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false);
        write(log.writer(), clock, seconds);
        RetentionConfig r = new RetentionConfig(86_400_000L, 3_600_000L,
            List.of(new RollupLevel(10_000, 86_400_000L), new RollupLevel(60_000, 7 * 86_400_000L)), OptionalLong.empty());
        HindsightConfig config = HindsightConfig.defaults().withDataDir(dir).withRetention(r);
        store = Store.open(config, new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000,
            30_000, false), log);
        store.catchUp();
        ServerConfig.Limits limits = new ServerConfig.Limits(64, maxBodyBytes, 5_000_000L,
            Duration.ofMillis(QUERY_TIMEOUT_MS), 10_000);
        ServerConfig sc = new ServerConfig("127.0.0.1", 0, null, null, limits);
        Engine engine = new Engine(store, EngineLimits.DEFAULT.withMaxSamples(limits.maxSamplesPerQuery())
            .withTimeout(limits.queryTimeout()));
        ServerContext ctx = new ServerContext(store, engine, () -> "{\"num_cores\":2}", () -> true,
            out -> { }, System::currentTimeMillis);
        http = HttpServer.start(sc, ctx);
    }

    String base() {
        return "http://127.0.0.1:" + http.port();
    }

    private static void write(RawLogWriter w, SetTimeProvider clock, int seconds) {
        byte[] eth0 = "eth0".getBytes(StandardCharsets.US_ASCII);
        for (int sec = 0; sec < seconds; sec++) {
            long t = 0;
            for (int c = 1; c <= PATHS.length; c++) {
                t = clock.currentTimeMillis() / 1000 * 1000;
                if (sec == 0) {
                    boolean docker = PATHS[c - 1].startsWith("/docker");
                    w.spec(new ContainerSpec(c, t, PATHS[c - 1], docker ? "app" + c : PATHS[c - 1],
                        docker ? "img/app:" + c : "", docker ? "docker" : "", docker ? Map.of("team", "t" + c) : Map.of(),
                        t - 5_000, 1024, c == 1 ? 50_000 : -1, 100_000, "0-1", "0",
                        c == 1 ? 1L << 30 : ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED,
                        c == 1 ? 100 : -1));
                    w.event(new ContainerEvent(c, t, EventType.CONTAINER_CREATION, 0));
                }
                long cpu = (long) (sec * 1e9 * c / 10);
                // a counter reset half way for container 2
                if (c == 2 && sec > seconds / 2) {
                    cpu -= (long) (seconds / 2 * 1e9 * c / 10);
                }
                w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, cpu).set(ContainerField.CPU_USER_NS, cpu / 2)
                    .set(ContainerField.CPU_SYSTEM_NS, cpu / 4).set(ContainerField.MEMORY_USAGE_BYTES, 2000L * c + sec)
                    .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1000L * c + (sec % 17))
                    .set(ContainerField.PROCESSES, c).set(ContainerField.TASKS_RUNNING, sec % 3);
                w.commitContainerSample();
                w.interfaceSample(c, t, eth0, eth0.length).setCounter(0, 100L * sec).setCounter(4, 50L * sec);
                w.commitInterfaceSample();
                w.deviceSample(c, t, 8, 0, 4096L * sec, 8192L * sec, sec, 2L * sec);
            }
            clock.currentTimeMillis(t + 1000);
        }
    }

    @Override
    public void close() {
        http.close();
        store.close();
        log.close();
    }
}
