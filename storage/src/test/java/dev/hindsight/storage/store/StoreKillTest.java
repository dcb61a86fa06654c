package dev.hindsight.storage.store;

import static dev.hindsight.storage.store.StoreTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a process that is writing the raw log and ingesting it into the store (head,
 * rollups, checkpoints, registry): after restarts, the store answers exactly like one
 * rebuilt from the raw log alone. Nothing double counted, nothing missing.
 */
@Timeout(300)
class StoreKillTest {

    @Test
    void killedIngestRestartsConsistentWithTheLog(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a");
        for (int round = 0; round < 3; round++) {
            int next = secondsWritten(dir);
            Process p = start(dir, next);
            Thread.sleep(400 + 350L * round);
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
        }
        int seconds = secondsWritten(dir);
        assertThat(seconds).isGreaterThan(300);
        long end = T0 + 1000L * seconds + 120_000;
        Path fresh = tmp.resolve("b");
        StoreTest.copy(dir.resolve("raw"), fresh.resolve("raw"));
        StoreSeams seams = new StoreSeams(null, RollCycles.FAST_HOURLY, RollCycles.FAST_DAILY, 2_000, 10_000, false);
        Map<String, List<String>> restarted;
        Map<String, List<String>> rebuilt;
        try (Store s = Store.open(StoreTest.config(dir), seams)) {
            assertThat(s.problems()).isEmpty();
            restarted = StoreTest.snapshot(s, end);
        }
        try (Store s = Store.open(StoreTest.config(fresh), seams)) {
            rebuilt = StoreTest.snapshot(s, end);
        }
        assertThat(restarted.keySet()).isEqualTo(rebuilt.keySet());
        for (String k : rebuilt.keySet()) {
            assertThat(restarted.get(k)).as(k).isNotEmpty().containsExactlyElementsOf(rebuilt.get(k));
        }
    }

    /** Seconds of data in the raw log (both containers' samples of the last second written or not). */
    private static int secondsWritten(Path dir) {
        if (!dir.resolve("raw").toFile().exists()) {
            return 0;
        }
        long[] last = {Long.MIN_VALUE};
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, null, false); RawLogReader r = log.reader()) {
            while (r.poll(new RawRecordHandler() {
                @Override
                public void onContainerSample(long index, ContainerSampleFlyweight s) {
                    last[0] = Math.max(last[0], s.timestampMs());
                }
            }, 10_000) > 0) {
                // drain
            }
        }
        return last[0] == Long.MIN_VALUE ? 0 : (int) ((last[0] - T0) / 1000) + 1;
    }

    private static Process start(Path dir, int first) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("hindsight.test.jvm.flags", "").split(" ")));
        cmd.removeIf(String::isBlank);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreIngestLoop.class.getName(),
            dir.toString(), Integer.toString(first)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        java.util.concurrent.CompletableFuture<String> started = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null && !line.equals("started")) {
                    seen.append(line).append('\n');
                }
                return line;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = started.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            line = null;
        }
        if (!"started".equals(line)) {
            p.destroyForcibly();
        }
        assertThat(line).as("ingest loop started; output:\n" + seen).isEqualTo("started");
        return p;
    }
}
