package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.BlockIoStats;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.storage.raw.AppendResult;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;

/** Turns one container's {@link ContainerStats} into raw-log records, without allocating. */
public final class SampleEncoder {
    private SampleEncoder() {
    }

    /**
     * Writes the container sample and its per-device samples.
     *
     * @return the number of records dropped (0 when all were written)
     */
    public static int encode(RawLogWriter writer, int containerId, long nowMs, ContainerStats stats, int flags) {
        ContainerSampleFlyweight s = writer.containerSample(containerId, nowMs);
        long mask = stats.present();
        while (mask != 0) {
            int ordinal = Long.numberOfTrailingZeros(mask);
            s.set(ContainerField.ofOrdinal(ordinal), stats.get(ordinal));
            mask &= mask - 1;
        }
        s.flags(flags);
        s.perCpu(stats.perCpuNs(), stats.perCpuCount());
        int dropped = writer.commitContainerSample() == AppendResult.OK ? 0 : 1;
        BlockIoStats io = stats.blockIo();
        for (int i = 0; i < io.count(); i++) {
            if (writer.deviceSample(containerId, nowMs, io.major(i), io.minor(i), io.readBytes(i), io.writeBytes(i),
                    io.reads(i), io.writes(i)) != AppendResult.OK) {
                dropped++;
            }
        }
        return dropped;
    }
}
