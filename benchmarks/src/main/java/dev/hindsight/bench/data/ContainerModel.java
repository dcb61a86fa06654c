package dev.hindsight.bench.data;

import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One synthetic container and the evolution of its counters and gauges, tick by tick:
 * bursty CPU around a per-container base load, CFS throttling when a quota is set, memory
 * that grows slowly (and drops on a restart), network counters with bursts, and restarts that
 * reset every counter, as a real container restart does. Deterministic for a given seed.
 * Not thread-safe.
 */
final class ContainerModel {
    private static final String[] APPS = {"web", "api", "db", "cache", "worker"};
    private static final String[] IMAGES = {"nginx:1.25", "api:2.4", "postgres:16", "redis:7", "worker:1.0"};
    private static final byte[] ETH0 = "eth0".getBytes(StandardCharsets.US_ASCII);
    private static final long GIB = 1L << 30;

    final int id;
    final long startMs;
    final long endMs;
    private final ContainerSpec spec;
    private final SplittableRandom rnd;
    private final double baseCores;
    private final double quotaCores;
    private final double memBase;
    private final double memGrowthPerHour;
    private final double rxBytesPerSec;
    private final long restartAtMs;

    // counters since the last (re)start
    private long cpuNs;
    private long userNs;
    private long systemNs;
    private long periods;
    private long throttled;
    private long throttledNs;
    private long pgfault;
    private long pgmajfault;
    private long rx;
    private long tx;
    private long rxPackets;
    private long txPackets;
    private long rxDropped;
    private long startedMs;
    private int burstLeft;
    private boolean restarted;

    ContainerModel(int index, long seed, long fleetStart, long fleetEnd) {
        this.id = index + 1;
        this.rnd = new SplittableRandom(seed * 1_000_003L + index);
        int app = index % APPS.length;
        long span = fleetEnd - fleetStart;
        if (app == 4 && span > 4 * 3_600_000L) {
            // workers come and go: one to six hours somewhere in the range
            long life = 3_600_000L + (long) (rnd.nextDouble() * 5 * 3_600_000L);
            long start = fleetStart + (long) (rnd.nextDouble() * (span - life));
            this.startMs = start;
            this.endMs = start + life;
        } else {
            this.startMs = fleetStart;
            this.endMs = fleetEnd;
        }
        this.restartAtMs = index % 7 == 3 ? startMs + (long) (rnd.nextDouble() * (endMs - startMs)) : Long.MAX_VALUE;
        this.baseCores = 0.02 + rnd.nextDouble() * (app == 2 ? 1.5 : 0.6);
        this.quotaCores = index % 3 == 0 ? Math.max(0.5, Math.ceil(baseCores * 2)) / 1.0 : 0;
        this.memBase = (64 + rnd.nextInt(960)) * 1024.0 * 1024.0;
        this.memGrowthPerHour = memBase * (0.001 + rnd.nextDouble() * 0.01);
        this.rxBytesPerSec = 1_000 + rnd.nextDouble() * 2_000_000;
        String name = String.format("%s-%04d", APPS[app], index);
        String cgroup = String.format("/docker/%016x%016x", seed ^ index * 0x9E3779B97F4A7C15L, (long) index);
        long quotaUs = quotaCores > 0 ? (long) (quotaCores * 100_000) : -1;
        this.spec = new ContainerSpec(id, startMs, cgroup, name, IMAGES[app], "docker", Map.of("app", APPS[app]),
            startMs, 1024, quotaUs, 100_000, "", "", app == 2 ? 4 * GIB : 2 * GIB, ContainerSpec.UNLIMITED,
            ContainerSpec.UNLIMITED, -1);
        this.startedMs = startMs;
    }

    String name() {
        return spec.name();
    }

    boolean aliveAt(long t) {
        return t >= startMs && t < endMs;
    }

    ContainerSpec spec() {
        return spec;
    }

    /**
     * Advances the counters by one interval ending at {@code t} and writes one container
     * sample and one interface sample. Returns the number of records written (2).
     */
    int writeTick(RawLogWriter w, long t, long intervalMs) {
        if (!restarted && t >= restartAtMs) {
            restarted = true;
            reset(t);
        }
        double seconds = intervalMs / 1000.0;
        // bursty CPU: a burst starts with 3 % probability and lasts 3-20 ticks at 2-5x
        if (burstLeft == 0 && rnd.nextDouble() < 0.03) {
            burstLeft = 3 + rnd.nextInt(18);
        }
        double factor = burstLeft > 0 ? 2 + rnd.nextDouble() * 3 : 0.6 + rnd.nextDouble() * 0.8;
        if (burstLeft > 0) {
            burstLeft--;
        }
        double cores = baseCores * factor;
        double used = cores;
        if (quotaCores > 0) {
            long p = (long) (seconds * 10); // 100 ms periods
            periods += p;
            if (cores > quotaCores) {
                used = quotaCores;
                long thr = Math.min(p, (long) (p * (1 - quotaCores / cores)) + 1);
                throttled += thr;
                throttledNs += (long) ((cores - quotaCores) * seconds * 1e9 / 4);
            }
        }
        long dNs = (long) (used * seconds * 1e9);
        cpuNs += dNs;
        userNs += dNs * 7 / 10;
        systemNs += dNs - dNs * 7 / 10;
        double hours = (t - startedMs) / 3_600_000.0;
        double ws = memBase + memGrowthPerHour * hours + memBase * 0.05 * Math.sin(t / 600_000.0 + id)
            + rnd.nextDouble() * memBase * 0.01;
        double cache = memBase * (0.2 + 0.1 * Math.sin(t / 1_800_000.0 + id * 0.7));
        pgfault += rnd.nextInt(2_000);
        if (rnd.nextDouble() < 0.01) {
            pgmajfault++;
        }
        ContainerSampleFlyweight s = w.containerSample(id, t);
        s.set(ContainerField.CPU_USAGE_NS, cpuNs)
            .set(ContainerField.CPU_USER_NS, userNs)
            .set(ContainerField.CPU_SYSTEM_NS, systemNs);
        if (quotaCores > 0) {
            s.set(ContainerField.CPU_CFS_PERIODS, periods)
                .set(ContainerField.CPU_CFS_THROTTLED_PERIODS, throttled)
                .set(ContainerField.CPU_CFS_THROTTLED_NS, throttledNs);
        }
        long wsBytes = (long) ws;
        long usage = (long) (ws + cache);
        s.set(ContainerField.MEMORY_USAGE_BYTES, usage)
            .set(ContainerField.MEMORY_MAX_USAGE_BYTES, (long) (usage * 1.1))
            .set(ContainerField.MEMORY_WORKING_SET_BYTES, wsBytes)
            .set(ContainerField.MEMORY_RSS_BYTES, (long) (ws * 0.85))
            .set(ContainerField.MEMORY_CACHE_BYTES, (long) cache)
            .set(ContainerField.MEMORY_SWAP_BYTES, 0)
            .set(ContainerField.MEMORY_MAPPED_FILE_BYTES, (long) (cache * 0.1))
            .set(ContainerField.MEMORY_FAILCNT, 0)
            .set(ContainerField.MEMORY_PGFAULT, pgfault)
            .set(ContainerField.MEMORY_PGMAJFAULT, pgmajfault)
            .set(ContainerField.OOM_EVENTS, 0)
            .set(ContainerField.PROCESSES, 1 + id % 5)
            .set(ContainerField.THREADS, 4 + id % 40 + rnd.nextInt(3))
            .set(ContainerField.OPEN_FDS, 10 + id % 90 + rnd.nextInt(5))
            .set(ContainerField.LOAD_AVERAGE_10S_MILLI, (long) (cores * 1000))
            .set(ContainerField.TASKS_RUNNING, (long) Math.ceil(cores))
            .set(ContainerField.TASKS_SLEEPING, 3 + id % 40)
            .set(ContainerField.TASKS_STOPPED, 0)
            .set(ContainerField.TASKS_UNINTERRUPTIBLE, 0)
            .set(ContainerField.TASKS_IOWAIT, 0);
        w.commitContainerSample();
        double netFactor = burstLeft > 0 ? 4 : 0.5 + rnd.nextDouble();
        long dRx = (long) (rxBytesPerSec * seconds * netFactor);
        long dTx = dRx / 3;
        rx += dRx;
        tx += dTx;
        rxPackets += dRx / 900 + 1;
        txPackets += dTx / 900 + 1;
        if (rnd.nextDouble() < 0.002) {
            rxDropped++;
        }
        InterfaceSampleFlyweight n = w.interfaceSample(id, t, ETH0, ETH0.length);
        n.setCounter(InterfaceSampleFlyweight.RX_BYTES, rx)
            .setCounter(InterfaceSampleFlyweight.RX_PACKETS, rxPackets)
            .setCounter(InterfaceSampleFlyweight.RX_ERRORS, 0)
            .setCounter(InterfaceSampleFlyweight.RX_DROPPED, rxDropped)
            .setCounter(InterfaceSampleFlyweight.TX_BYTES, tx)
            .setCounter(InterfaceSampleFlyweight.TX_PACKETS, txPackets)
            .setCounter(InterfaceSampleFlyweight.TX_ERRORS, 0)
            .setCounter(InterfaceSampleFlyweight.TX_DROPPED, 0);
        w.commitInterfaceSample();
        return 2;
    }

    private void reset(long t) {
        cpuNs = 0;
        userNs = 0;
        systemNs = 0;
        periods = 0;
        throttled = 0;
        throttledNs = 0;
        pgfault = 0;
        pgmajfault = 0;
        rx = 0;
        tx = 0;
        rxPackets = 0;
        txPackets = 0;
        rxDropped = 0;
        startedMs = t;
    }
}
