package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.ContainerPaths;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import java.nio.file.Path;

/**
 * Per-container process stats: the member processes and threads from {@code cgroup.procs}
 * and {@code tasks}. Reads into reusable buffers; the array of pids grows as needed.
 *
 * <p>Collector thread only.
 */
final class ProcessProbe {
    private final Path procRoot;
    private final StatFileReader reader = new StatFileReader();
    private long[] pids = new long[256];

    ProcessProbe(Path procRoot) {
        this.procRoot = procRoot;
    }

    /**
     * Adds process fields to {@code stats}; may append per-interface samples to the log.
     *
     * @return the container sample's flags
     */
    int read(ContainerPaths paths, ContainerStats stats, int containerId, long nowMs, RawLogWriter writer) {
        int processes = readIds(paths.procs());
        if (processes >= 0) {
            stats.set(ContainerField.PROCESSES, processes);
        }
        int threads = readIds(paths.tasks());
        if (threads >= 0) {
            stats.set(ContainerField.THREADS, threads);
        }
        return 0;
    }

    /** Reads a file of ids into {@link #pids}; returns how many, or -1 when unreadable. */
    private int readIds(dev.hindsight.collector.io.StatFile file) {
        if (file == null) {
            return -1;
        }
        ReadStatus s = reader.readLongs(file, pids);
        if (s != ReadStatus.OK) {
            return -1;
        }
        if (reader.count() > pids.length) {
            pids = new long[Integer.highestOneBit(reader.count()) * 2];
            if (reader.parseLongs(pids)) {
                return reader.count();
            }
            return -1;
        }
        return reader.count();
    }
}
