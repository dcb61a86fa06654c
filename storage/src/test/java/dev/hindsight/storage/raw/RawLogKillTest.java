package dev.hindsight.storage.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.record.ContainerEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of a writing process loses nothing it committed and leaves the log appendable. */
@Timeout(120)
class RawLogKillTest {
    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesAContiguousLogThatANewWriterContinues() throws Exception {
        long next = 0;
        for (int round = 0; round < 3; round++) {
            Process p = startWriter(next);
            Thread.sleep(300 + 200L * round);
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            List<Long> values = readAll();
            assertThat(values).as("round %d wrote something", round).hasSizeGreaterThan((int) next);
            for (int i = 0; i < values.size(); i++) {
                assertThat(values.get(i)).as("record %d", i).isEqualTo(i);
            }
            next = values.size();
        }
    }

    private Process startWriter(long first) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("hindsight.test.jvm.flags", "").split(" ")));
        cmd.removeIf(String::isBlank);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RawLogAppendLoop.class.getName(),
                dir.toString(), Long.toString(first)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("started")) {
            // skip JVM warnings
        }
        assertThat(line).as("writer started").isEqualTo("started");
        return p;
    }

    private List<Long> readAll() {
        List<Long> values = new ArrayList<>();
        try (RawLog log = RawLog.open(dir); RawLogReader r = log.reader()) {
            while (r.poll(new RawRecordHandler() {
                @Override
                public void onEvent(long index, ContainerEvent e) {
                    values.add(e.value());
                }
            }, 10_000) > 0) {
                // drain
            }
        }
        return values;
    }
}
