package dev.hindsight.storage.rawindex;

import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.openhft.chronicle.core.time.SetTimeProvider;

/**
 * A small fleet written to a raw log for the index tests: {@code containers} containers
 * sampled every second, each sample followed by an interface sample for every other container
 * and a device sample for every third, so runs of one to three records occur; containers
 * start at different times, and one stops halfway.
 */
public final class Fleet {
    public static final long T0 = 1_700_000_400_000L; // a multiple of 10 minutes

    private Fleet() {
    }

    public static ContainerSpec spec(int id) {
        String name = String.format("c%02d", id);
        return new ContainerSpec(id, T0, "/docker/" + name, name, "img:" + name, "docker", Map.of("tier", "web"),
            T0 - 5_000, 1024, -1, 100_000, "", "", 1L << 30, ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED, -1);
    }

    /** Writes seconds [0, seconds) of the fleet, moving the clock with the data. */
    public static void write(RawLogWriter w, SetTimeProvider clock, int containers, int seconds) {
        byte[] eth = "eth0".getBytes(StandardCharsets.US_ASCII);
        for (int sec = 0; sec < seconds; sec++) {
            long t = T0 + 1000L * sec;
            clock.currentTimeMillis(t);
            for (int c = 1; c <= containers; c++) {
                if (sec < c * 7 || (c == containers && sec > seconds / 2)) {
                    continue; // not started yet, or stopped
                }
                if (sec == c * 7) {
                    w.spec(spec(c));
                }
                w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, 1_000_000L * sec * c)
                    .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1000L * c + sec);
                w.commitContainerSample();
                if (c % 2 == 0) {
                    w.interfaceSample(c, t, eth, eth.length).setCounter(0, 100L * sec + c);
                    w.commitInterfaceSample();
                }
                if (c % 3 == 0) {
                    w.deviceSample(c, t, 8, c, 10L * sec, 20L * sec, sec, 2L * sec);
                }
            }
        }
    }
}
