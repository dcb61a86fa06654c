package dev.hindsight.collector.cgroup;

import dev.hindsight.storage.record.ContainerField;

import java.util.Arrays;

/**
 * One container's sample, reused every tick: a value per {@link ContainerField} (indexed by
 * ordinal) with a "fields present" bitmask, per-CPU usage, per-device block I/O and the v1
 * {@code under_oom} flag. A field whose file was missing keeps its bit clear: absent, never a
 * silent zero. {@link #reset()} clears the masks and counts and keeps every array.
 *
 * <p>Written by the collecting thread, then read by the encoder on the same thread.
 */
public final class ContainerStats {
    /** Value of {@link #underOom()} when {@code memory.oom_control} was not read. */
    public static final int UNDER_OOM_UNKNOWN = -1;

    private final long[] values = new long[ContainerField.count()];
    private long present;
    private long[] perCpuNs = new long[8];
    private int perCpuCount;
    private final BlockIoStats blockIo = new BlockIoStats();
    private int underOom = UNDER_OOM_UNKNOWN;

    /** Forgets every value (keeps capacity). */
    public void reset() {
        present = 0;
        perCpuCount = 0;
        blockIo.clear();
        underOom = UNDER_OOM_UNKNOWN;
    }

    /** Stores a value and marks the field present. */
    public void set(ContainerField field, long value) {
        values[field.ordinal()] = value;
        present |= field.bit();
    }

    /** Marks a field absent again. */
    public void clear(ContainerField field) {
        present &= ~field.bit();
    }

    /** Whether the field was read this tick. */
    public boolean has(ContainerField field) {
        return (present & field.bit()) != 0;
    }

    /** The field's value; meaningful only when {@link #has} is true. */
    public long get(ContainerField field) {
        return values[field.ordinal()];
    }

    /** The field's value by ordinal (for encoders looping over the mask). */
    public long get(int ordinal) {
        return values[ordinal];
    }

    /** The "fields present" mask: bit {@code ordinal} per {@link ContainerField}. */
    public long present() {
        return present;
    }

    /** Per-CPU cumulative usage in ns; valid entries are {@code [0, perCpuCount())}. */
    public long[] perCpuNs() {
        return perCpuNs;
    }

    /** Number of per-CPU entries (0 when not available, e.g. on cgroup v2). */
    public int perCpuCount() {
        return perCpuCount;
    }

    /** Makes room for {@code n} per-CPU entries and returns the array to fill. */
    public long[] perCpuCapacity(int n) {
        if (perCpuNs.length < n) {
            perCpuNs = Arrays.copyOf(perCpuNs, Math.max(n, perCpuNs.length * 2));
        }
        return perCpuNs;
    }

    /** Sets how many per-CPU entries are valid. */
    public void perCpuCount(int n) {
        if (n < 0 || n > perCpuNs.length) {
            throw new IllegalArgumentException("perCpuCount=" + n + " capacity=" + perCpuNs.length);
        }
        perCpuCount = n;
    }

    /** Per-device block I/O of this tick. */
    public BlockIoStats blockIo() {
        return blockIo;
    }

    /** v1 {@code under_oom}: 1, 0, or {@link #UNDER_OOM_UNKNOWN}. */
    public int underOom() {
        return underOom;
    }

    /** Sets the v1 {@code under_oom} flag. */
    public void underOom(boolean value) {
        underOom = value ? 1 : 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ContainerStats{");
        boolean first = true;
        for (ContainerField f : ContainerField.values()) {
            if (has(f)) {
                sb.append(first ? "" : ", ").append(f.name()).append('=').append(get(f));
                first = false;
            }
        }
        sb.append(", perCpu=").append(Arrays.toString(Arrays.copyOf(perCpuNs, perCpuCount)));
        sb.append(", ").append(blockIo);
        return sb.append('}').toString();
    }
}
