package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} for 1,000 containers: every container's series present, and produced and
 * streamed quickly (the issue's target is 50 ms; this shared-CPU test guards a generous bound
 * and prints the time).
 */
@Timeout(180)
class MetricsScaleTest {
    @Test
    void thousandContainers(@TempDir Path dir) {
        long t0 = 1_700_000_400_000L;
        int containers = 1000;
        SetTimeProvider clock = new SetTimeProvider(t0);
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            RawLogWriter w = log.writer();
            byte[] eth0 = "eth0".getBytes(StandardCharsets.US_ASCII);
            for (int sec = 0; sec < 10; sec++) {
                long t = t0 + 1000L * sec;
                clock.currentTimeMillis(t);
                for (int c = 1; c <= containers; c++) {
                    if (sec == 0) {
                        w.spec(new ContainerSpec(c, t0, "/docker/c" + c, "c" + c, "img:" + (c % 10), "docker", Map.of(),
                            t0, 1024, -1, 100_000, "", "", ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED,
                            ContainerSpec.UNLIMITED, -1));
                    }
                    w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, sec * 1_000_000L * c)
                        .set(ContainerField.CPU_USER_NS, sec).set(ContainerField.CPU_SYSTEM_NS, sec)
                        .set(ContainerField.MEMORY_USAGE_BYTES, c).set(ContainerField.MEMORY_WORKING_SET_BYTES, c)
                        .set(ContainerField.MEMORY_RSS_BYTES, c).set(ContainerField.MEMORY_CACHE_BYTES, c)
                        .set(ContainerField.PROCESSES, 1).set(ContainerField.THREADS, 2).set(ContainerField.OPEN_FDS, 3);
                    w.commitContainerSample();
                    w.interfaceSample(c, t, eth0, eth0.length).setCounter(0, sec).setCounter(4, sec);
                    w.commitInterfaceSample();
                }
            }
            HindsightConfig config = HindsightConfig.defaults().withDataDir(dir);
            try (Store store = Store.open(config, new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY,
                    2_000, 30_000, false), log);
                 HttpServer server = HttpServer.start(TestData.loopback(), new ServerContext(store,
                     new Engine(store, EngineLimits.DEFAULT), null, null, null, () -> t0 + 10_000))) {
                Http http = Http.of(server);
                http.get("/metrics");
                long best = Long.MAX_VALUE;
                Http.Answer a = null;
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    a = http.get("/metrics");
                    best = Math.min(best, System.nanoTime() - start);
                }
                System.out.printf("/metrics for %d containers: %d series lines, %d bytes, best of 5: %.1f ms%n",
                    containers, a.body().lines().filter(l -> !l.startsWith("#")).count(), a.body().length(), best / 1e6);
                assertThat(a.body().lines().filter(l -> l.startsWith("container_memory_working_set_bytes{"))).hasSize(containers);
                assertThat(a.body()).contains("container_cpu_usage_seconds_total{cpu=\"total\",id=\"/docker/c1000\","
                    + "image=\"img:0\",name=\"c1000\"} 9");
                assertThat(best).as("best /metrics time in ns").isLessThan(2_000_000_000L);
            }
        }
    }
}
