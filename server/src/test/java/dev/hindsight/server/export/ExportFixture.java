package dev.hindsight.server.export;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.queue.RollCycles;

/** Synthetic raw-log records and what the store makes of them: the truth export tests compare with. */
final class ExportFixture {
    static final String CHOSEN_ID = "/docker/c1";

    private ExportFixture() {
    }

    static ContainerSpec spec(int id, long t0) {
        return new ContainerSpec(id, t0, "/docker/c" + id, "web-" + id, "img/web:" + id, "docker",
            Map.of("tier", "web"), t0 - 5_000, 1024, -1, 100_000, "0-1", "0", 1L << 30,
            ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED, 100);
    }

    /** Writes seconds [from, to) of {@code containers} containers (specs at second 0). */
    static void write(RawLogWriter w, long t0, int from, int to, int containers) {
        byte[] eth0 = "eth0".getBytes(StandardCharsets.US_ASCII);
        for (int sec = from; sec < to; sec++) {
            long t = t0 + 1000L * sec;
            if (sec == 0) {
                for (int c = 1; c <= containers; c++) {
                    w.spec(spec(c, t0));
                }
            }
            for (int c = 1; c <= containers; c++) {
                long cpu = Math.round(sec * 0.25e9 * c) + 7;
                w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, cpu)
                    .set(ContainerField.CPU_USER_NS, cpu / 2).set(ContainerField.CPU_SYSTEM_NS, cpu / 4)
                    .set(ContainerField.MEMORY_USAGE_BYTES, 1_000_000L * c + 13L * sec)
                    .set(ContainerField.MEMORY_WORKING_SET_BYTES, 900_000L * c + 11L * sec)
                    .set(ContainerField.PROCESSES, c).set(ContainerField.TASKS_RUNNING, 1);
                w.commitContainerSample();
                w.interfaceSample(c, t, eth0, eth0.length).setCounter(0, 100L * sec + c).setCounter(4, 50L * sec);
                w.commitInterfaceSample();
            }
        }
    }

    static RawLog open(Path dataDir) {
        return RawLog.open(dataDir, RollCycles.FAST_HOURLY, null, false);
    }

    /** Samples the store holds for the series matching {@code matchers}: time -&gt; value, per label set. */
    static Map<String, TreeMap<Long, Double>> stored(Path dataDir, RawLog log, LabelMatcher... matchers) {
        StoreSeams seams = new StoreSeams(null, RollCycles.FAST_HOURLY, RollCycles.FAST_DAILY, 5_000, 60_000, false);
        try (Store store = Store.open(HindsightConfig.defaults().withDataDir(dataDir), seams, log)) {
            store.catchUp();
            Map<String, TreeMap<Long, Double>> out = new TreeMap<>();
            List<LabelMatcher> ms = new ArrayList<>(List.of(matchers));
            for (Series s : store.select(ms, SelectHints.raw(0, Long.MAX_VALUE)).series()) {
                TreeMap<Long, Double> points = new TreeMap<>();
                SampleCursor c = s.cursor();
                while (c.next()) {
                    points.put(c.timestamp(), c.value());
                }
                out.put(s.labels().toString(), points);
            }
            return out;
        }
    }
}
