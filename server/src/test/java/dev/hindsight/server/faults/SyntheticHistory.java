package dev.hindsight.server.faults;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.file.Path;
import java.util.Map;
import net.openhft.chronicle.core.time.SetTimeProvider;

/**
 * Hours of history written into a data directory through the real raw log (one cycle file an
 * hour) and ingested once by a real store, so that the directory holds several raw files,
 * rollups, the series index and checkpoints — as an agent that ran for hours would leave it.
 */
final class SyntheticHistory {
    /** Container ids far above what a fresh registry hands out. */
    static final int FIRST_ID = 1001;
    static final String PATH_PREFIX = "/synthetic/c";

    private SyntheticHistory() {
    }

    /**
     * Writes {@code containers} containers sampled every {@code stepMs} from {@code fromMs} to
     * {@code toMs}, then lets a store ingest it and closes it.
     */
    static void write(Path dataDir, int containers, long fromMs, long toMs, long stepMs) {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(fromMs));
        StoreSeams defaults = StoreSeams.defaults();
        try (RawLog log = RawLog.open(dataDir, defaults.rawRollCycle(), clock, false)) {
            RawLogWriter w = log.writer();
            for (int c = 0; c < containers; c++) {
                w.spec(new ContainerSpec(FIRST_ID + c, fromMs, PATH_PREFIX + c, PATH_PREFIX + c, "", "", Map.of(),
                    fromMs, 1024, -1, 100_000, "0", "0", ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED,
                    ContainerSpec.UNLIMITED, -1));
            }
            long n = 0;
            for (long t = fromMs; t <= toMs; t += stepMs, n++) {
                clock.currentTimeMillis(t);
                for (int c = 0; c < containers; c++) {
                    w.containerSample(FIRST_ID + c, t).set(ContainerField.CPU_USAGE_NS, n * 10_000_000L * (c + 1))
                        .set(ContainerField.MEMORY_USAGE_BYTES, 1_000_000L + n)
                        .set(ContainerField.MEMORY_WORKING_SET_BYTES, 500_000L + n);
                    w.commitContainerSample();
                }
            }
            HindsightConfig config = HindsightConfig.defaults().withDataDir(dataDir);
            StoreSeams seams = new StoreSeams(clock, defaults.rawRollCycle(), defaults.rollupRollCycle(),
                defaults.graceMs(), defaults.checkpointEveryMs(), false);
            try (Store store = Store.open(config, seams, log)) {
                store.catchUp();
            }
        }
    }
}
