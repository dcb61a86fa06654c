package dev.hindsight.storage.store;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Child process for {@link StoreKillTest}: appends container samples to the raw log (data
 * time continuing from args[1]) while a following store ingests them, until killed.
 */
public final class StoreIngestLoop {
    private StoreIngestLoop() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int sec = Integer.parseInt(args[1]);
        StoreSeams seams = new StoreSeams(null, RollCycles.FAST_HOURLY, RollCycles.FAST_DAILY, 2_000, 10_000, true);
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, null, false)) {
            RawLogWriter w = log.writer();
            loop(dir, seams, log, w, sec);
        }
    }

    private static void loop(Path dir, StoreSeams seams, RawLog log, RawLogWriter w, int first) {
        int sec = first;
        // The store opens (and positions its tailer) before this process's first append, as the agent does.
        try (Store store = Store.open(StoreTest.config(dir), seams, log)) {
            if (sec == 0) {
                w.spec(StoreTest.spec(1, "web"));
                w.spec(StoreTest.spec(2, "db"));
            }
            boolean announced = false;
            while (true) {
                long t = StoreTest.T0 + 1000L * sec;
                for (int c = 1; c <= 2; c++) {
                    long cpu = ((sec % 700) + c) * 250_000_000L; // resets every 700 s
                    w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, cpu)
                        .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1000L * c + sec);
                    w.commitContainerSample();
                }
                sec++;
                if (!announced && store.ingestedRecords() > 0) {
                    System.out.println("started");
                    System.out.flush();
                    announced = true;
                }
                LockSupport.parkNanos(500_000);
            }
        }
    }
}
