package dev.hindsight.storage.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The raw writer on a real full disk (a tmpfs the test mounts; needs root). */
@Timeout(120)
class RawLogDiskFullTest {
    @TempDir
    Path mnt;

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void dropsAndCountsWhenFullBacksOffAndResumesWhenSpaceReturns() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(root).as("CI runs as root").isTrue();
        }
        assumeTrue(root, "skipped: mounting a tmpfs needs root");
        assertThat(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt.toString())).isTrue();
        try {
            Path filler = mnt.resolve("filler");
            Files.write(filler, new byte[3 << 20]);
            try (RawLog log = RawLog.open(mnt.resolve("data"))) {
                RawLogWriter w = log.writer();
                long n = 0;
                AppendResult r = AppendResult.OK;
                while (r == AppendResult.OK && n < 1_000_000) {
                    r = w.event(new ContainerEvent(1, n, EventType.OOM, n));
                    n++;
                }
                assertThat(r).as("the disk filled").isEqualTo(AppendResult.DROPPED);
                long written = w.appendedCount();
                assertThat(written).isPositive();
                // while backing off, appends are refused at once and counted
                long t0 = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    assertThat(w.event(new ContainerEvent(1, n, EventType.OOM, n))).isEqualTo(AppendResult.DROPPED);
                }
                assertThat(System.nanoTime() - t0).isLessThan(RawLogWriter.BACKOFF_NANOS);
                assertThat(w.droppedCount()).isGreaterThanOrEqualTo(1001);
                // space returns: after the back-off, writing resumes
                Files.delete(filler);
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(RawLogWriter.BACKOFF_NANOS) + 200);
                assertThat(w.event(new ContainerEvent(1, n, EventType.OOM, -1))).isEqualTo(AppendResult.OK);
                assertThat(w.appendedCount()).isEqualTo(written + 1);
            }
            // everything committed before and after is readable, in order
            try (RawLog log = RawLog.open(mnt.resolve("data")); RawLogReader reader = log.reader()) {
                long[] last = {Long.MIN_VALUE};
                long[] count = {0};
                while (reader.poll(new RawRecordHandler() {
                    @Override
                    public void onEvent(long index, ContainerEvent e) {
                        last[0] = e.value();
                        count[0]++;
                    }
                }, 10_000) > 0) {
                    // drain
                }
                assertThat(last[0]).isEqualTo(-1);
                assertThat(count[0]).isGreaterThan(1);
            }
        } finally {
            run("umount", "-l", mnt.toString());
        }
    }
}
