package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.storage.record.ContainerField;

/**
 * What {@link CgroupV1Reader#read(ContainerPaths, ContainerStats, V1Cadence, long, boolean)}
 * keeps for one container between ticks, so that a tick reads only the files whose values can
 * have changed. Every field keeps its meaning: a file not read this tick repeats its value
 * from the last read.
 *
 * <ul>
 * <li>{@code memory.max_usage_in_bytes}: read when the slow reading is due, and on every tick
 *     the usage exceeds the last maximum read (then the maximum has moved).</li>
 * <li>{@code memory.failcnt}: the kernel counts a failure only against the cgroup's own limit,
 *     so it is read every tick while the container has a memory limit, else when the slow
 *     reading is due.</li>
 * <li>{@code cpu.stat} (CFS periods, throttling): its counters move only while the cgroup has
 *     a CFS quota; read every tick while it has one, else when the slow reading is due.</li>
 * <li>{@code memory.oom_control}: read when the container's OOM eventfd fired this tick and
 *     when the slow reading is due (a system-wide OOM kill, which notifies no eventfd, is
 *     seen at the latter).</li>
 * <li>{@code blkio.throttle.io_service_bytes}: the kernel adds a bio's bytes only together
 *     with a count in {@code blkio.throttle.io_serviced}, so the bytes file is read only when
 *     the serviced file's content changed (or the slow reading is due).</li>
 * </ul>
 * A <em>quiet</em> container, whose CPU usage and memory usage are both unchanged since the
 * last full reading, gets a tick of those two files alone and repeats every other field (its
 * {@link #QUIET_REPEATED} fields, OOM state and block I/O rows). Without running, a
 * container's tasks fault no page, fork or exit no task, submit no I/O and are charged no CPU
 * time; what can still move is the kernel's LRU aging of its page cache (active and inactive
 * file bytes, so the working set), which the slow reading picks up within its interval.
 * Limits are unknown (so treated as set) until {@link #limits} is called. The slow reading is
 * due every {@code slowIntervalMs} (0: every tick); each container gets its own phase in that
 * interval so that the slow reads of containers found together do not fall on one tick.
 *
 * <p>Owned by the collecting thread; allocation-free after the first reads (the serviced copy
 * grows with the file).
 */
public final class V1Cadence {
    /** Fields that {@code cpu.stat} gives. */
    static final long CPU_STAT_FIELDS = ContainerField.CPU_CFS_PERIODS.bit()
            | ContainerField.CPU_CFS_THROTTLED_PERIODS.bit() | ContainerField.CPU_CFS_THROTTLED_NS.bit();

    /** Fields a quiet tick repeats from the last full reading. */
    static final long QUIET_REPEATED = CPU_STAT_FIELDS | ContainerField.CPU_USER_NS.bit()
            | ContainerField.CPU_SYSTEM_NS.bit() | ContainerField.MEMORY_MAX_USAGE_BYTES.bit()
            | ContainerField.MEMORY_FAILCNT.bit() | ContainerField.MEMORY_RSS_BYTES.bit()
            | ContainerField.MEMORY_CACHE_BYTES.bit() | ContainerField.MEMORY_SWAP_BYTES.bit()
            | ContainerField.MEMORY_MAPPED_FILE_BYTES.bit() | ContainerField.MEMORY_ACTIVE_FILE_BYTES.bit()
            | ContainerField.MEMORY_INACTIVE_FILE_BYTES.bit() | ContainerField.MEMORY_PGFAULT.bit()
            | ContainerField.MEMORY_PGMAJFAULT.bit() | ContainerField.OOM_KILLS.bit()
            | ContainerField.PIDS_CURRENT.bit();

    private final long slowIntervalMs;
    private final long phaseMs;
    private long slowReadMs = Long.MIN_VALUE;
    private boolean memoryLimited = true;
    private boolean cpuQuota = true;

    private final long[] values = new long[ContainerField.count()];
    private long present;
    private int underOom = ContainerStats.UNDER_OOM_UNKNOWN;

    /** CPU and memory usage at the last full reading; -1: none to compare with. */
    private long fullUsageNs = -1;
    private long fullMemoryUsage = -1;

    private byte[] serviced = new byte[0];
    private int servicedLength = -1;
    private final BlockIoStats bytes = new BlockIoStats();

    /**
     * @param slowIntervalMs how often the slow files are read (0: every tick)
     * @param phaseSeed      spreads containers over the interval (e.g. the container's id)
     */
    public V1Cadence(long slowIntervalMs, long phaseSeed) {
        if (slowIntervalMs < 0) {
            throw new IllegalArgumentException("slowIntervalMs=" + slowIntervalMs + " must be >= 0");
        }
        this.slowIntervalMs = slowIntervalMs;
        this.phaseMs = slowIntervalMs == 0 ? 0 : Math.floorMod(phaseSeed * 2_654_435_761L, slowIntervalMs);
    }

    /** Tells whether the container has a memory limit and a CFS quota (from its spec). */
    public void limits(boolean hasMemoryLimit, boolean hasCpuQuota) {
        this.memoryLimited = hasMemoryLimit;
        this.cpuQuota = hasCpuQuota;
    }

    /** The same from read limits: {@link ContainerLimits#UNLIMITED} or unknown counts as none. */
    public void limits(ContainerLimits limits) {
        if (limits != null) {
            limits(limited(limits.memoryLimitBytes()), limited(limits.cpuQuotaUs()));
        }
    }

    private static boolean limited(long v) {
        return v != ContainerLimits.UNKNOWN && v != ContainerLimits.UNLIMITED
                && v < ContainerLimits.V1_UNLIMITED_THRESHOLD;
    }

    boolean slowDue(long nowMs) {
        return slowIntervalMs == 0 || slowReadMs == Long.MIN_VALUE || nowMs - slowReadMs >= slowIntervalMs
                || nowMs < slowReadMs;
    }

    /** Marks the slow reading done at {@code nowMs}. The first one is followed by the container's phase. */
    void slowRead(long nowMs) {
        slowReadMs = slowReadMs == Long.MIN_VALUE ? nowMs - slowIntervalMs + phaseMs : nowMs;
    }

    /** Whether {@code out}'s CPU and memory usage, just read, equal those of the last full reading. */
    boolean quiet(ContainerStats out) {
        return fullUsageNs >= 0 && servicedLength >= 0
                && out.has(ContainerField.CPU_USAGE_NS) && out.has(ContainerField.MEMORY_USAGE_BYTES)
                && out.get(ContainerField.CPU_USAGE_NS) == fullUsageNs
                && out.get(ContainerField.MEMORY_USAGE_BYTES) == fullMemoryUsage;
    }

    /** Keeps a full reading's fields for the quiet ticks that may follow. */
    void fullRead(ContainerStats out) {
        save(out, QUIET_REPEATED);
        boolean usages = out.has(ContainerField.CPU_USAGE_NS) && out.has(ContainerField.MEMORY_USAGE_BYTES);
        fullUsageNs = usages ? out.get(ContainerField.CPU_USAGE_NS) : -1;
        fullMemoryUsage = usages ? out.get(ContainerField.MEMORY_USAGE_BYTES) : -1;
    }

    /** No quiet tick until the next full reading (after a reading that failed; benchmarks of a busy container). */
    public void forgetFullRead() {
        fullUsageNs = -1;
    }

    boolean memoryLimited() {
        return memoryLimited;
    }

    boolean cpuQuota() {
        return cpuQuota;
    }

    /** Whether the last read maximum usage is known, and below {@code usage}. */
    boolean maxUsageStale(ContainerStats out) {
        long bit = ContainerField.MEMORY_MAX_USAGE_BYTES.bit();
        if ((present & bit) == 0) {
            return true;
        }
        return out.has(ContainerField.MEMORY_USAGE_BYTES)
                && out.get(ContainerField.MEMORY_USAGE_BYTES) > values[ContainerField.MEMORY_MAX_USAGE_BYTES.ordinal()];
    }

    /** Keeps the {@code fields} of {@code out} (present or not) as their last read. */
    void save(ContainerStats out, long fields) {
        long mask = fields;
        while (mask != 0) {
            int ordinal = Long.numberOfTrailingZeros(mask);
            values[ordinal] = out.get(ordinal);
            mask &= mask - 1;
        }
        present = (present & ~fields) | (out.present() & fields);
    }

    /** Sets the saved {@code fields} that were present at their last read. */
    void restore(ContainerStats out, long fields) {
        long mask = present & fields;
        while (mask != 0) {
            int ordinal = Long.numberOfTrailingZeros(mask);
            out.set(ContainerField.ofOrdinal(ordinal), values[ordinal]);
            mask &= mask - 1;
        }
    }

    void saveUnderOom(int value) {
        underOom = value;
    }

    void restoreUnderOom(ContainerStats out) {
        if (underOom != ContainerStats.UNDER_OOM_UNKNOWN) {
            out.underOom(underOom == 1);
        }
    }

    /**
     * Compares the serviced file just read ({@code [0, length)} of {@code data}) with the last one
     * and keeps it; true when it differs (or there was none).
     */
    boolean servicedChanged(byte[] data, int length) {
        if (length == servicedLength && java.util.Arrays.equals(data, 0, length, serviced, 0, length)) {
            return false;
        }
        if (serviced.length < length) {
            serviced = new byte[Math.max(length, serviced.length * 2)];
        }
        System.arraycopy(data, 0, serviced, 0, length);
        servicedLength = length;
        return true;
    }

    /** Forgets the serviced file (after a failed read of either blkio file). */
    void forgetServiced() {
        servicedLength = -1;
    }

    /** Points {@code scanner} at the last serviced file kept. */
    void scanServiced(AsciiScanner scanner) {
        scanner.wrap(serviced, 0, Math.max(servicedLength, 0));
    }

    /** Keeps the byte rows of {@code io} (read this tick). */
    void saveBytes(BlockIoStats io) {
        bytes.clear();
        for (int i = 0; i < io.count(); i++) {
            int p = io.present(i);
            if ((p & (BlockIoStats.READ_BYTES | BlockIoStats.WRITE_BYTES)) == 0) {
                continue;
            }
            int j = bytes.indexOrAdd(io.major(i), io.minor(i));
            if ((p & BlockIoStats.READ_BYTES) != 0) {
                bytes.set(j, BlockIoStats.READ_BYTES, io.readBytes(i));
            }
            if ((p & BlockIoStats.WRITE_BYTES) != 0) {
                bytes.set(j, BlockIoStats.WRITE_BYTES, io.writeBytes(i));
            }
        }
    }

    /** Adds the kept byte rows to {@code io}. */
    void restoreBytes(BlockIoStats io) {
        for (int i = 0; i < bytes.count(); i++) {
            int j = io.indexOrAdd(bytes.major(i), bytes.minor(i));
            int p = bytes.present(i);
            if ((p & BlockIoStats.READ_BYTES) != 0) {
                io.set(j, BlockIoStats.READ_BYTES, bytes.readBytes(i));
            }
            if ((p & BlockIoStats.WRITE_BYTES) != 0) {
                io.set(j, BlockIoStats.WRITE_BYTES, bytes.writeBytes(i));
            }
        }
    }
}
