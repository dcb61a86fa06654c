package dev.hindsight.bench;

import dev.hindsight.bench.data.FleetStore;
import dev.hindsight.bench.data.SyntheticFleet;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.store.Store;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The store's memory once it holds a fleet: a synthetic fleet's raw log (default 1,000
 * containers at 1 s for 80 minutes, more than the default 70-minute head window) replayed
 * into a store under the default retention, as the agent's store holds it after that long;
 * then, after a full collection, the heap in use and the process's resident set. Run by
 * {@code ./hindsight bench --footprint} with the agent's JVM flags, so the JVM is configured as
 * {@code ./hindsight run} configures it.
 *
 * <p>Usage: {@code StoreFootprintMain [containers] [minutes] [intervalMs] [rawKeepMinutes]}; with
 * {@code rawKeepMinutes} the log is written an hour at a time while the store follows it,
 * retention deleting raw samples past that age ({@link #streamed}).
 */
public final class StoreFootprintMain {
    private StoreFootprintMain() {
    }

    private static final long HOUR_MS = 3_600_000L;

    public static void main(String[] args) throws Exception {
        int containers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long minutes = args.length > 1 ? Long.parseLong(args[1]) : 80;
        long intervalMs = args.length > 2 ? Long.parseLong(args[2]) : 1_000;
        long start = 1_700_000_000_000L;
        SyntheticFleet fleet = new SyntheticFleet(containers, start, start + minutes * 60_000L, intervalMs, 7);
        System.out.printf("fleet: %,d containers at %d ms for %d min (about %,d container samples)%n",
            containers, intervalMs, minutes, containers * minutes * 60_000L / intervalMs);
        if (args.length > 3) {
            long rawKeepMs = Long.parseLong(args[3]) * 60_000L;
            RetentionConfig d = RetentionConfig.defaults();
            streamed(fleet, new RetentionConfig(rawKeepMs, d.headWindowMs(), d.rollups(), d.maxDiskBytes()));
        } else {
            replayed(fleet, RetentionConfig.defaults());
        }
    }

    /** The whole log written first, then replayed into a new store, as a restart replays it. */
    private static void replayed(SyntheticFleet fleet, RetentionConfig retention) throws Exception {
        long t0 = System.nanoTime();
        try (FleetStore data = FleetStore.write(fleet, retention)) {
            long t1 = System.nanoTime();
            Store store = data.openStore();
            long t2 = System.nanoTime();
            try {
                System.out.printf("log written in %.1f s%n", (t1 - t0) / 1e9);
                System.out.printf("replay: %,d records in %.1f s; %,d series; head %,d samples, %.1f MB of it in spill files%n",
                    store.ingestedRecords(), (t2 - t1) / 1e9, store.seriesCount(), store.headSamples(),
                    store.headSpilledBytes() / 1e6);
                afterFullGc();
            } finally {
                store.close();
            }
        }
    }

    /**
     * The log written an hour at a time, the store reading each hour as the agent's store follows
     * its log and retention run after it, with the resident set after each hour: the trend over
     * a long run, in the disk the raw retention needs rather than a whole day's raw log (1,000
     * containers at 1 s write 30 GB a day).
     */
    private static void streamed(SyntheticFleet fleet, RetentionConfig retention) throws Exception {
        System.out.printf("written an hour at a time; raw samples kept %d min%n", retention.rawMs() / 60_000L);
        long t0 = System.nanoTime();
        try (FleetStore data = FleetStore.empty(fleet, retention)) {
            SyntheticFleet.Writing writing = data.writing(fleet);
            Store store = data.openStore();
            try {
                for (long until = fleet.startMs() + HOUR_MS; ; until += HOUR_MS) {
                    writing.writeUntil(until);
                    store.catchUp();
                    store.runRetention();
                    Map<String, Long> status = status();
                    System.out.printf("hour %2d (%.0f s): %,d records, head %,d samples, raw log %.1f GB; RSS %.1f MB (anonymous %.1f, file %.1f)%n",
                        (until - fleet.startMs()) / HOUR_MS, (System.nanoTime() - t0) / 1e9, store.ingestedRecords(),
                        store.headSamples(), bytesUnder(data.rawLog().directory()) / 1e9, mb(status, "VmRSS"),
                        mb(status, "RssAnon"), mb(status, "RssFile"));
                    if (until >= fleet.endMs()) {
                        break;
                    }
                }
                System.out.printf("%,d series; %,d retired%n", store.seriesCount(), store.retiredSeriesCount());
                afterFullGc();
            } finally {
                store.close();
            }
        }
    }

    private static void afterFullGc() throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Long> status = status();
        System.out.printf("after a full GC: heap used %.1f MB, committed %.1f MB; RSS %.1f MB (anonymous %.1f, file %.1f); peak RSS %.1f MB%n",
            heap.getUsed() / 1e6, heap.getCommitted() / 1e6, mb(status, "VmRSS"), mb(status, "RssAnon"),
            mb(status, "RssFile"), mb(status, "VmHWM"));
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double mb(Map<String, Long> status, String key) {
        return status.getOrDefault(key, -1L) * 1024 / 1e6;
    }

    /** The kB figures of /proc/self/status. */
    private static Map<String, Long> status() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            String[] kv = line.split(":\\s+");
            if (kv.length == 2 && kv[1].endsWith(" kB")) {
                out.put(kv[0], Long.parseLong(kv[1].substring(0, kv[1].length() - 3).trim()));
            }
        }
        return out;
    }
}
