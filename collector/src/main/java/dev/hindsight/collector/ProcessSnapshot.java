package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.storage.record.ContainerField;

/**
 * One container's last process reading from /proc (processes, threads, open files, task
 * states), kept so that the ticks between two readings repeat it rather than leave the fields
 * out. Collector thread only; allocation-free after the first {@link #save}.
 */
final class ProcessSnapshot {
    /** The fields a process reading sets. */
    static final long FIELDS = ContainerField.PROCESSES.bit() | ContainerField.THREADS.bit()
            | ContainerField.OPEN_FDS.bit() | ContainerField.TASKS_RUNNING.bit()
            | ContainerField.TASKS_SLEEPING.bit() | ContainerField.TASKS_STOPPED.bit()
            | ContainerField.TASKS_UNINTERRUPTIBLE.bit();

    /** When the reading was taken; {@link Long#MIN_VALUE} when there is none (read next tick). */
    long takenMs = Long.MIN_VALUE;
    /** Whether the container had member processes (its network is read only then). */
    boolean hasMembers;
    private long present;
    private long[] values;

    /** Whether a new reading is due at {@code nowMs} for a cadence of {@code intervalMs}. */
    boolean due(long nowMs, long intervalMs) {
        return takenMs == Long.MIN_VALUE || nowMs - takenMs >= intervalMs || nowMs < takenMs;
    }

    /** Forgets the reading, so that the next tick takes a new one. */
    void invalidate() {
        takenMs = Long.MIN_VALUE;
    }

    /** Keeps the process fields of {@code stats} as the reading taken at {@code nowMs}. */
    void save(ContainerStats stats, boolean members, long nowMs) {
        if (values == null) {
            values = new long[ContainerField.count()];
        }
        present = stats.present() & FIELDS;
        long mask = present;
        while (mask != 0) {
            int ordinal = Long.numberOfTrailingZeros(mask);
            values[ordinal] = stats.get(ordinal);
            mask &= mask - 1;
        }
        hasMembers = members;
        takenMs = nowMs;
    }

    /** Sets the saved fields in {@code stats}. */
    void restore(ContainerStats stats) {
        long mask = present;
        while (mask != 0) {
            int ordinal = Long.numberOfTrailingZeros(mask);
            stats.set(ContainerField.ofOrdinal(ordinal), values[ordinal]);
            mask &= mask - 1;
        }
    }
}
