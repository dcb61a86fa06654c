package dev.hindsight.storage.rawblock;

import dev.hindsight.storage.record.ContainerSpec;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * A 64-bit fingerprint of what the series mapper takes from a container's spec (everything
 * but the time it was recorded): a block holds, per container, the print of the spec its
 * samples were mapped with, and is used for a read only when the reader's specs print the
 * same, so a block gives exactly what mapping the log's records now would.
 */
public final class SpecPrints {
    /** The print of a container without a spec (its records map to nothing). */
    public static final long NONE = 0;

    private SpecPrints() {
    }

    /** FNV-1a over the spec's fields in a fixed order; never {@link #NONE}. */
    public static long of(ContainerSpec s) {
        String canonical = String.join("\u0000", s.cgroupPath(), s.name(), s.image(), s.runtime(),
            new TreeMap<>(s.labels()).toString(), Long.toString(s.createdMs()), Long.toString(s.cpuShares()),
            Long.toString(s.cpuQuotaUs()), Long.toString(s.cpuPeriodUs()), s.cpusetCpus(), s.cpusetMems(),
            Long.toString(s.memoryLimitBytes()), Long.toString(s.memoryReservationBytes()),
            Long.toString(s.memorySwapLimitBytes()), Long.toString(s.pidsMax()));
        long h = 0xcbf29ce484222325L;
        for (byte b : canonical.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h == NONE ? 1 : h;
    }
}
