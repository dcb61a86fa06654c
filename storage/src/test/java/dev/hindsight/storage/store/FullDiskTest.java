package dev.hindsight.storage.store;

import static dev.hindsight.storage.store.StoreTest.T0;
import static dev.hindsight.storage.store.StoreTest.WS;
import static dev.hindsight.storage.store.StoreTest.config;
import static dev.hindsight.storage.store.StoreTest.seams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hindsight.storage.raw.AppendResult;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.select.SelectHints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A full disk on a small tmpfs mounted by the test (needs root; skipped otherwise). */
@Timeout(400) // slow when the shared machine is loaded
class FullDiskTest {

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void storeKeepsAnsweringAndCountsDropsWhenTheDiskFills(@TempDir Path mnt) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mnt.toString()), "cannot mount a tmpfs");
        try {
            Path dir = mnt.resolve("data");
            Files.createDirectories(dir);
            SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
            try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
                RawLogWriter w = log.writer();
                StoreTest.write(w, clock, 0, 60);
                try (Store store = Store.open(config(dir), seams(clock), log)) {
                    // fill the disk until the raw log refuses a record (what happens to the raw writer
                    // after that is the raw log's business); the store ingests all it has
                    int sec = 60;
                    AppendResult r = AppendResult.OK;
                    while (r == AppendResult.OK && sec < 2_000_000) {
                        long t = T0 + 1000L * sec++;
                        clock.currentTimeMillis(t);
                        w.containerSample(1, t).set(ContainerField.MEMORY_WORKING_SET_BYTES, 1)
                            .set(ContainerField.CPU_USAGE_NS, sec);
                        r = w.commitContainerSample();
                        if (sec % 300 == 0) {
                            store.catchUp();
                        }
                    }
                    assertThat(r).as("the disk filled up").isEqualTo(AppendResult.DROPPED);
                    store.catchUp(); // rollup and checkpoint writes fail too: counted, not thrown
                    assertThat(StoreTest.samples(store.select(WS, SelectHints.raw(T0, T0 + 59_999)), "web")).hasSize(60);
                    assertThat(store.newestTimestamp()).isGreaterThan(T0 + 60_000);

                }
            }
        } finally {
            run("umount", "-l", mnt.toString());
        }
    }
}
